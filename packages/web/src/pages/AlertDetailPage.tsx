import type { AlertDetail, AlertLogEntry } from '@operable/shared';
import { Link, useParams } from 'react-router-dom';
import { detailParts, eventLabel } from '../alert-format';
import { AlertActions } from '../components/AlertActions';
import { StatusBadge, UrgencyBadge } from '../components/Badges';
import { LiveStatus } from '../components/LiveStatus';
import { Markdown } from '../components/Markdown';
import { Loading, Page, QueryError } from '../components/Page';
import { formatDateTime } from '../format';
import { useAlert } from '../queries';
import { useCan, useCurrentUser } from '../session';

export function AlertDetailPage() {
  const { id = '' } = useParams();
  const alert = useAlert(id);
  const user = useCurrentUser();
  const canAct = useCan('responder');

  if (alert.isPending) return <Loading what="Loading alert" />;
  if (alert.isError && !alert.data)
    return (
      <Page title="Alert" back={{ to: '/alerts', label: 'Alerts' }}>
        <QueryError error={alert.error} retry={() => alert.refetch()} />
      </Page>
    );

  const a = alert.data;
  const tz = user.timeZone;
  const when = (iso: string | null, by: string | null) => (iso ? `${formatDateTime(iso, tz)}${by ? ` by ${by}` : ''}` : '—');

  return (
    <Page title={`#${a.number} ${a.summary}`} back={{ to: '/alerts', label: 'Alerts' }}>
      <p className="alert-meta">
        <StatusBadge status={a.status} />
        <UrgencyBadge urgency={a.urgency} />
        <span>
          Service: <Link to={`/services/${a.serviceId}`}>{a.serviceName}</Link>
        </span>
      </p>
      <LiveStatus updatedAt={alert.dataUpdatedAt} error={alert.isRefetchError ? alert.error : null} paused={a.status === 'resolved'} />
      {canAct && <AlertActions alert={a} escalate />}
      {a.suppressedBy && (
        <p className="alert alert-info">This alert arrived during a maintenance window of its service, so nobody was paged.</p>
      )}
      {a.groupLeaderId && (
        <p className="alert alert-info">
          This alert joined a storm group. People were paged once, for the <Link to={`/alerts/${a.groupLeaderId}`}>alert that leads the group</Link>
          ; acknowledging or resolving that one does the same here.
        </p>
      )}
      {a.groupSize > 1 && (
        <p className="alert alert-info">
          This alert leads a storm group of {a.groupSize} alerts. Acknowledging or resolving it does the same for the{' '}
          {a.groupSize - 1} others.
        </p>
      )}
      <dl className="facts">
        <div>
          <dt>Triggered</dt>
          <dd>{formatDateTime(a.createdAt, tz)}</dd>
        </div>
        <div>
          <dt>Last received</dt>
          <dd>
            {formatDateTime(a.lastSeenAt, tz)}
            {a.occurrences > 1 && ` (${a.occurrences} times in all)`}
          </dd>
        </div>
        <div>
          <dt>Acknowledged</dt>
          <dd>{when(a.acknowledgedAt, a.acknowledgedBy)}</dd>
        </div>
        <div>
          <dt>Resolved</dt>
          <dd>{when(a.resolvedAt, a.resolvedBy)}</dd>
        </div>
        {a.source && (
          <div>
            <dt>Source</dt>
            <dd className="break">{a.source}</dd>
          </div>
        )}
        {a.severity && (
          <div>
            <dt>Severity</dt>
            <dd>{a.severity}</dd>
          </div>
        )}
        <div>
          <dt>Deduplication key</dt>
          <dd className="mono break">{a.dedupKey}</dd>
        </div>
      </dl>
      <Details alert={a} />
      <section aria-labelledby="runbook-h">
        <h2 id="runbook-h">Runbook</h2>
        {a.runbookUrl && (
          <p>
            <a href={a.runbookUrl} target="_blank" rel="noopener noreferrer" className="break">
              {a.runbookUrl}
              <span className="visually-hidden"> (opens in a new tab)</span>
            </a>
          </p>
        )}
        {a.runbookMarkdown.trim() ? (
          <Markdown source={a.runbookMarkdown} />
        ) : (
          !a.runbookUrl && (
            <p className="muted">
              No runbook for this service yet. Add one on the <Link to={`/services/${a.serviceId}`}>service’s page</Link>.
            </p>
          )
        )}
      </section>
      <Timeline log={a.log} timeZone={tz} />
    </Page>
  );
}

function Details({ alert: a }: { alert: AlertDetail }) {
  const entries = Object.entries(a.details);
  if (!entries.length && !a.links.length) return null;
  return (
    <section aria-labelledby="details-h">
      <h2 id="details-h">Details</h2>
      {entries.length > 0 && (
        <dl className="details-list">
          {entries.map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd>{typeof v === 'string' ? <span className="prewrap break">{v}</span> : <pre>{JSON.stringify(v, null, 2)}</pre>}</dd>
            </div>
          ))}
        </dl>
      )}
      {a.links.length > 0 && (
        <ul className="plain-list" aria-label="Links">
          {a.links.map((l, i) => (
            <li key={`${l.href}-${i}`}>
              {/^https?:\/\//i.test(l.href) ? (
                <a href={l.href} target="_blank" rel="noopener noreferrer" className="break">
                  {l.text || l.href}
                  <span className="visually-hidden"> (opens in a new tab)</span>
                </a>
              ) : (
                <span className="break">{l.text ? `${l.text}: ${l.href}` : l.href}</span>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Timeline({ log, timeZone }: { log: AlertLogEntry[]; timeZone: string }) {
  const entries = [...log].sort((x, y) => x.at.localeCompare(y.at) || Number(x.id) - Number(y.id));
  return (
    <section aria-labelledby="log-h">
      <h2 id="log-h">What happened</h2>
      {entries.length === 0 ? (
        <p className="muted">Nothing logged yet.</p>
      ) : (
        <ol className="timeline">
          {entries.map((e) => {
            const parts = detailParts(e.details);
            return (
              <li key={e.id} className={`timeline-item timeline-${e.event}`}>
                <p className="timeline-head">
                  <strong>{eventLabel(e.event)}</strong>
                  <time dateTime={e.at} className="muted">
                    {formatDateTime(e.at, timeZone)}
                  </time>
                </p>
                <dl className="timeline-facts">
                  {e.actor && <Fact term="By" value={e.actor} />}
                  {e.channel && <Fact term="Channel" value={e.channel} />}
                  {e.target && <Fact term="To" value={e.target} />}
                  {e.result && <Fact term="Result" value={e.result} />}
                </dl>
                {parts.length > 0 && <p className="timeline-details muted break">{parts.join(' · ')}</p>}
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}

function Fact({ term, value }: { term: string; value: string }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd className="break">{value}</dd>
    </div>
  );
}
