import type { SloDetail } from '@operable/shared';
import { Link, useParams } from 'react-router-dom';
import { BudgetChart } from '../components/BudgetChart';
import { Loading, Page, QueryError } from '../components/Page';
import { budgetText, headline, objectiveText, percent, rateText, sourceText, toneOf, windowText } from '../slo-format';
import { useSlo } from '../slo-queries';
import { SloBadge } from './SlosPage';

const STATE_TEXT = { firing: 'Firing', ok: 'Calm', no_data: 'No data' } as const;

function TierTable({ slo }: { slo: SloDetail }) {
  return (
    <>
      <p className="muted">An alert fires when both windows burn at least the factor it needs; “no data” when a window had no traffic.</p>
      <div className="table-wrap">
        <table className="slo-tiers" aria-labelledby="tiers-h">
          <thead>
            <tr>
              <th scope="col">Alert</th>
              <th scope="col">Windows</th>
              <th scope="col">Burn now</th>
              <th scope="col">Needs</th>
              <th scope="col">State</th>
            </tr>
          </thead>
          <tbody>
            {slo.status.tiers.map((t) => (
              <tr key={`${t.longWindowMinutes}`} className={t.state === 'firing' ? 'slo-tier-firing' : undefined}>
                <th scope="row">{t.severity === 'page' ? 'Page' : 'Ticket'}</th>
                <td>
                  {windowText(t.longWindowMinutes)} / {windowText(t.shortWindowMinutes)}
                </td>
                <td>
                  {rateText(t.longBurnRate)} / {rateText(t.shortBurnRate)}
                </td>
                <td>{rateText(t.factor)}</td>
                <td>{STATE_TEXT[t.state]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

export function SloPage() {
  const { id = '' } = useParams();
  const slo = useSlo(id);
  if (slo.isPending) return <Loading what="Loading the SLO" />;
  if (slo.isError) return <QueryError error={slo.error} retry={() => slo.refetch()} />;
  const s = slo.data;
  const tone = toneOf(s.status);
  const alerting = tone === 'paging' || tone === 'ticket';

  return (
    <Page title={s.name} back={{ to: `/slos?serviceId=${encodeURIComponent(s.serviceId)}`, label: `SLOs of ${s.serviceName}` }}>
      <div className={`slo-status slo-status-${tone}`} role="status">
        <p>
          <SloBadge slo={s} /> <strong>{headline(s)}</strong>
        </p>
        {alerting && (
          <p>
            {tone === 'paging' ? 'The on-call person for ' : 'A low-urgency alert is open for '}
            <Link to={`/alerts?serviceId=${encodeURIComponent(s.serviceId)}`}>{s.serviceName}</Link>
            {tone === 'paging' ? ' has been paged.' : '; it waits for working hours.'}
          </p>
        )}
      </div>
      <dl className="facts">
        <div>
          <dt>Error budget</dt>
          <dd>{budgetText(s.status.budgetRemaining)}</dd>
        </div>
        <div>
          <dt>SLI over {s.windowDays} days</dt>
          <dd>
            {s.status.sli === null ? 'no data' : percent(s.status.sli)} (objective {percent(s.objective)})
          </dd>
        </div>
        <div>
          <dt>Burn rate over {s.windowDays} days</dt>
          <dd>{rateText(s.status.burnRate)}</dd>
        </div>
        <div>
          <dt>Events counted</dt>
          <dd>
            {s.status.good.toLocaleString()} good of {s.status.total.toLocaleString()}
          </dd>
        </div>
      </dl>
      <section aria-labelledby="chart-h">
        <h2 id="chart-h">Error budget left</h2>
        <BudgetChart series={s.series} windowDays={s.windowDays} />
      </section>
      <section aria-labelledby="tiers-h">
        <h2 id="tiers-h">Burn-rate alerts</h2>
        <TierTable slo={s} />
      </section>
      <section aria-labelledby="def-h">
        <h2 id="def-h">Objective</h2>
        <dl className="facts">
          <div>
            <dt>Target</dt>
            <dd>{objectiveText(s)}</dd>
          </div>
          <div>
            <dt>Counts from</dt>
            <dd>{sourceText(s.source)}</dd>
          </div>
          <div>
            <dt>Alerts</dt>
            <dd>{s.alerting ? 'Page and ticket tiers raise alerts' : 'Off: shown here only'}</dd>
          </div>
          <div>
            <dt>Service</dt>
            <dd>
              <Link to={`/services/${s.serviceId}`}>{s.serviceName}</Link>
            </dd>
          </div>
        </dl>
        {s.description && <p>{s.description}</p>}
      </section>
    </Page>
  );
}
