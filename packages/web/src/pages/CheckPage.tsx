import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, errorMessage } from '../api';
import { durationText, intervalText, stateClass, stateLabel, uptimeText } from '../check-format';
import { useCheck, useCheckSeries, usePauseCheck } from '../check-queries';
import { LatencyChart } from '../components/CheckCharts';
import { DangerButton } from '../components/DangerButton';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { formatDateTime } from '../format';
import { canEditTeamServices, useCurrentUser, useViewerZone } from '../session';

const RANGES = [
  { resolution: 'raw', label: 'Last 2 hours' },
  { resolution: 'hour', label: 'Last 5 days' },
  { resolution: 'day', label: 'Last 120 days' },
] as const;

export function CheckPage() {
  const { id = '' } = useParams();
  const check = useCheck(id);
  const user = useCurrentUser();
  const zone = useViewerZone();
  const now = useNow(30_000);
  const navigate = useNavigate();
  const [range, setRange] = useState<(typeof RANGES)[number]['resolution']>('raw');
  const series = useCheckSeries(id, range);
  const pause = usePauseCheck(id);

  if (check.isPending) return <Loading what="Loading the check" />;
  if (check.isError) return <QueryError error={check.error} retry={() => check.refetch()} />;
  const c = check.data;
  const canEdit = canEditTeamServices(user, c.teamId);
  const since = c.stateChangedAt ? durationText(now - new Date(c.stateChangedAt).getTime()) : null;
  const open = c.alerts.filter((a) => a.status !== 'resolved');

  return (
    <Page
      title={c.name}
      back={{ to: '/checks', label: 'Checks' }}
      actions={
        canEdit && (
          <>
            <button type="button" className="btn" disabled={pause.isPending} onClick={() => pause.mutate(!c.paused)}>
              {c.paused ? 'Resume' : 'Pause'}
            </button>
            <Link to={`/checks/${c.id}/edit`} className="btn">
              Edit
            </Link>
          </>
        )
      }
    >
      <section className={`card check-status ${stateClass(c)}`} aria-label="Status">
        <p className="check-status-line">
          <span className={`badge check-badge ${stateClass(c)}`}>{stateLabel(c)}</span>
          {since && !c.paused && <span>{c.state === 'down' ? `for ${since}` : `since ${since} ago`}</span>}
        </p>
        <p className="check-status-message">{c.lastMessage ?? 'Not probed yet.'}</p>
        {open.length > 0 && (
          <p>
            Open alert:{' '}
            {open.map((a) => (
              <Link key={a.id} to={`/alerts/${a.id}`}>
                #{a.number} ({a.status})
              </Link>
            ))}
          </p>
        )}
        {pause.isError && <p className="error">{errorMessage(pause.error)}</p>}
        <dl className="check-facts">
          <div>
            <dt>Target</dt>
            <dd className="check-target">{c.target}</dd>
          </div>
          <div>
            <dt>Service</dt>
            <dd>
              <Link to={`/services/${c.serviceId}`}>{c.serviceName}</Link>
            </dd>
          </div>
          <div>
            <dt>Probes</dt>
            <dd>
              {intervalText(c.intervalSeconds)}, timeout {c.timeoutSeconds} s, down after {c.retries + 1} failure{c.retries ? 's' : ''} in a row
            </dd>
          </div>
          <div>
            <dt>Uptime</dt>
            <dd>
              24 h {uptimeText(c.uptime.day)} · 7 days {uptimeText(c.uptime.week)} · 30 days {uptimeText(c.uptime.month)}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="rt-title">
        <h2 id="rt-title">Response time</h2>
        <div className="segmented" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <button key={r.resolution} type="button" className="btn btn-small" aria-pressed={range === r.resolution} onClick={() => setRange(r.resolution)}>
              {r.label}
            </button>
          ))}
        </div>
        {series.isPending ? (
          <Loading what="Loading response times" />
        ) : series.isError ? (
          <QueryError error={series.error} retry={() => series.refetch()} />
        ) : series.data.length === 0 ? (
          <p className="muted">No probes in this range yet.</p>
        ) : (
          <LatencyChart points={series.data} label={`Response time, ${RANGES.find((r) => r.resolution === range)!.label.toLowerCase()}`} />
        )}
      </section>

      <section aria-labelledby="alerts-title">
        <h2 id="alerts-title">Alerts from this check</h2>
        {c.alerts.length === 0 ? (
          <p className="muted">This check has raised no alerts.</p>
        ) : (
          <ul className="card-list">
            {c.alerts.map((a) => (
              <li key={a.id} className="card">
                <p>
                  <Link to={`/alerts/${a.id}`}>
                    #{a.number} {a.summary}
                  </Link>
                </p>
                <p className="muted">
                  {a.status === 'resolved' ? 'Resolved' : a.status === 'acknowledged' ? 'Acknowledged' : 'Open'} · raised {formatDateTime(a.createdAt, zone)}
                  {a.resolvedAt && `, resolved ${formatDateTime(a.resolvedAt, zone)}`}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>

      {canEdit && (
        <DangerButton
          label="Delete check"
          title={`Delete ${c.name}?`}
          confirmLabel="Delete check"
          action={() => api.del(`/api/checks/${encodeURIComponent(c.id)}`)}
          onDone={() => navigate('/checks')}
        >
          <p>Its history goes with it; the alerts it raised stay.</p>
        </DangerButton>
      )}
    </Page>
  );
}
