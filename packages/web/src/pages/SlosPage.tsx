import type { Slo } from '@operable/shared';
import { Link, useSearchParams } from 'react-router-dom';
import { Loading, Page, QueryError } from '../components/Page';
import { useCurrentUser } from '../session';
import { budgetText, headline, objectiveText, sortSlos, TONE_LABELS, toneOf } from '../slo-format';
import { useSlos } from '../slo-queries';

/** The badge every SLO view uses: words and colour, never colour alone. */
export function SloBadge({ slo }: { slo: Pick<Slo, 'status'> }) {
  const tone = toneOf(slo.status);
  return <span className={`badge badge-slo-${tone}`}>{TONE_LABELS[tone]}</span>;
}

function SloCard({ slo }: { slo: Slo }) {
  const tone = toneOf(slo.status);
  return (
    <li className={`card slo-card slo-card-${tone}`}>
      <h3 className="slo-card-title">
        <Link to={`/slos/${slo.id}`}>{slo.name}</Link>
      </h3>
      <p className="slo-card-state">
        <SloBadge slo={slo} /> <strong>{budgetText(slo.status.budgetRemaining)}</strong>
      </p>
      <p>{headline(slo)}</p>
      <p className="muted">{objectiveText(slo)}</p>
    </li>
  );
}

/** Groups by service, each group and each list worst first. */
function byService(slos: Slo[]): { serviceId: string; serviceName: string; items: Slo[] }[] {
  const groups = new Map<string, { serviceId: string; serviceName: string; items: Slo[] }>();
  for (const slo of sortSlos(slos)) {
    const group = groups.get(slo.serviceId) ?? { serviceId: slo.serviceId, serviceName: slo.serviceName, items: [] };
    group.items.push(slo);
    groups.set(slo.serviceId, group);
  }
  return [...groups.values()];
}

export function SlosPage() {
  const me = useCurrentUser();
  const [params] = useSearchParams();
  const serviceId = params.get('serviceId') ?? undefined;
  const slos = useSlos(serviceId);
  const groups = slos.data ? byService(slos.data) : [];
  const burning = (slos.data ?? []).filter((s) => ['paging', 'ticket'].includes(toneOf(s.status))).length;
  const title = serviceId && groups[0] ? `SLOs of ${groups[0].serviceName}` : 'SLOs';

  return (
    <Page
      title={title}
      back={serviceId ? { to: `/services/${serviceId}`, label: groups[0]?.serviceName ?? 'Service' } : undefined}
      actions={
        me.role !== 'viewer' && (
          <Link to={serviceId ? `/slos/import?serviceId=${encodeURIComponent(serviceId)}` : '/slos/import'} className="btn">
            Import SLOs
          </Link>
        )
      }
    >
      {slos.isPending ? (
        <Loading what="Loading SLOs" />
      ) : slos.isError ? (
        <QueryError error={slos.error} retry={() => slos.refetch()} />
      ) : groups.length === 0 ? (
        <div className="empty">
          <p>No SLOs yet. Import an OpenSLO or Sloth file (“Import SLOs”), or define them through the API (POST /api/slos).</p>
        </div>
      ) : (
        <>
          <p role="status" className={burning ? 'warning-text' : 'muted'}>
            {burning ? `${burning} SLO${burning === 1 ? ' is' : 's are'} burning error budget fast enough to alert.` : 'No SLO is burning its error budget fast enough to alert.'}
          </p>
          {groups.map((g) => (
            <section key={g.serviceId} aria-labelledby={`svc-${g.serviceId}`}>
              <h2 id={`svc-${g.serviceId}`}>
                <Link to={`/services/${g.serviceId}`}>{g.serviceName}</Link>
              </h2>
              <ul className="card-list card-list-wide" aria-labelledby={`svc-${g.serviceId}`}>
                {g.items.map((slo) => (
                  <SloCard key={slo.id} slo={slo} />
                ))}
              </ul>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}
