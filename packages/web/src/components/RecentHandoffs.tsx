import { handoffCounts } from '../inbox-format';
import { useHandoffReports } from '../oncall-queries';
import { formatMoment } from '../schedule-layout';
import { Disclosure } from './Disclosure';
import { HandoffReportView } from './HandoffReportView';
import { Loading, QueryError } from './Page';

const SHOWN = 5;

/** The last handoff reports of a schedule: what each outgoing person handed over. */
export function RecentHandoffs({ scheduleId, zone }: { scheduleId: string; zone: string }) {
  const reports = useHandoffReports(scheduleId, SHOWN);
  return (
    <section className="panel" aria-labelledby="handoffs-h">
      <h2 id="handoffs-h">Recent handoffs</h2>
      <p className="field-hint">At each changeover, the outgoing and incoming person get a report of the shift; the last {SHOWN} are kept here.</p>
      {reports.isPending ? (
        <Loading what="Loading handoff reports" />
      ) : reports.isError ? (
        <QueryError error={reports.error} retry={() => reports.refetch()} />
      ) : reports.data.length === 0 ? (
        <p className="muted">No handoffs yet.</p>
      ) : (
        <ul className="inbox-list" aria-label="Recent handoffs">
          {reports.data.map((e) => (
            <li key={e.id} className="card">
              <Disclosure
                level={3}
                title={`${e.role === 'primary' ? 'Primary' : 'Secondary'}: ${e.report.outgoing.name} → ${e.report.incoming.name}, ${formatMoment(e.changeoverAt, zone)}`}
                meta={<p className="inbox-meta">{handoffCounts(e.report)}</p>}
              >
                <HandoffReportView report={e.report} zone={zone} level={4} hideSchedule />
              </Disclosure>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
