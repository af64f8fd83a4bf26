import type { HandoffReport } from '@operable/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDateTime, plural } from '../format';
import { formatMoment, formatSpan } from '../schedule-layout';
import { StatusBadge } from './Badges';

type Alert = HandoffReport['open'][number];

interface Props {
  report: HandoffReport;
  /** The viewer's zone: times are shown in it. */
  zone: string;
  /** Level of the section headings (3 inside an h2 item, 4 inside an h3 one). */
  level: 3 | 4;
  /** Leave out the schedule's name (on the schedule's own page). */
  hideSchedule?: boolean;
}

/** What the outgoing person handed over: pages in the shift, what is still open, the noisiest sources, their notes. */
export function HandoffReportView({ report: r, zone, level, hideSchedule }: Props) {
  const H = level === 3 ? 'h3' : 'h4';
  const role = r.role === 'primary' ? 'primary' : 'secondary';
  const more = r.openTotal - r.open.length;
  return (
    <div className="handoff-report">
      <p>
        <strong>{r.outgoing.name}</strong> handed {role} on call
        {!hideSchedule && (
          <>
            {' '}
            for <Link to={`/schedules/${r.scheduleId}`}>{r.scheduleName}</Link>
          </>
        )}{' '}
        to <strong>{r.incoming.name}</strong> at {formatMoment(r.changeoverAt, zone)}. Shift: {formatSpan(r.shiftStart, r.changeoverAt, zone)}.
      </p>
      {r.gap && <p className="alert alert-warning">Nobody was on call between the two shifts: {formatSpan(r.gap.start, r.gap.end, zone)}.</p>}
      {r.late && <p className="muted">This report came late: Operable’s engine wasn’t running at the changeover.</p>}

      <H>Pages during the shift ({r.pages.length})</H>
      {r.pages.length === 0 ? (
        <p className="muted">No pages: a quiet shift.</p>
      ) : (
        <ul className="report-list" aria-label="Pages during the shift">
          {r.pages.map((p) => (
            <AlertLine key={p.id} alert={p}>
              first paged {formatMoment(p.pagedAt, zone)}
              {p.messages > 1 && `, ${plural(p.messages, 'message')}`}
            </AlertLine>
          ))}
        </ul>
      )}

      <H>Still open ({r.openTotal})</H>
      {r.openTotal === 0 ? (
        <p className="muted">Nothing open on the services this schedule is paged for.</p>
      ) : (
        <>
          <ul className="report-list" aria-label="Still open">
            {r.open.map((a) => (
              <AlertLine key={a.id} alert={a}>
                since {formatMoment(a.createdAt, zone)}
              </AlertLine>
            ))}
          </ul>
          {more > 0 && (
            <p>
              And {more} more: see <Link to="/alerts">open alerts</Link>.
            </p>
          )}
        </>
      )}

      <H>Noisiest sources</H>
      {r.noisiest.services.length === 0 ? (
        <p className="muted">No alerts in the shift.</p>
      ) : (
        <>
          <p>{plural(r.alertsInShift, 'alert')} in the shift. By service:</p>
          <ul className="report-list" aria-label="Noisiest services">
            {r.noisiest.services.map((s) => (
              <li key={s.id}>
                <Link to={`/services/${s.id}`}>{s.name}</Link>: {plural(s.alerts, 'alert')}, {plural(s.occurrences, 'event')}
              </li>
            ))}
          </ul>
          {r.noisiest.keys.length > 0 && (
            <>
              <p>By alert source (deduplication key):</p>
              <ul className="report-list" aria-label="Noisiest alert sources">
                {r.noisiest.keys.map((k) => (
                  <li key={`${k.service.id}|${k.dedupKey}`}>
                    <span className="break">{k.summary}</span>{' '}
                    <span className="muted">
                      ({k.service.name}, <span className="mono break">{k.dedupKey}</span>)
                    </span>
                    : {plural(k.alerts, 'alert')}, {plural(k.occurrences, 'event')}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}

      <H>Notes from {r.outgoing.name}</H>
      {r.notes.length === 0 ? (
        <p className="muted">No handoff note.</p>
      ) : (
        r.notes.map((n) => (
          <figure key={n.shiftStart} className="handoff-note">
            <blockquote className="prewrap">{n.body.trim()}</blockquote>
            <figcaption className="muted">Last saved {formatDateTime(n.updatedAt, zone)}</figcaption>
          </figure>
        ))
      )}
    </div>
  );
}

function AlertLine({ alert: a, children }: { alert: Alert; children: ReactNode }) {
  return (
    <li>
      <Link to={`/alerts/${a.id}`}>
        <span className="alert-number">#{a.number}</span> {a.summary}
      </Link>{' '}
      <StatusBadge status={a.status} /> <span className="muted">
        {a.service.name}, {children}
      </span>
    </li>
  );
}
