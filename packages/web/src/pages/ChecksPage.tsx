import type { CheckSummary } from '@operable/shared';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { durationText, intervalText, orderChecks, stateClass, stateLabel } from '../check-format';
import { useChecks } from '../check-queries';
import { Sparkline, usePreloadCharts } from '../components/CheckCharts';
import { TextField } from '../components/Field';
import { useNow } from '../components/LiveStatus';
import { Loading, Page, QueryError } from '../components/Page';
import { useCurrentUser } from '../session';

/** How many rows render at first; "Show more" adds as many again (a thousand checks stay quick). */
const PAGE = 100;

export function ChecksPage() {
  const user = useCurrentUser();
  const checks = useChecks();
  usePreloadCharts();
  const now = useNow(30_000);
  const [q, setQ] = useState('');
  const [shown, setShown] = useState(PAGE);
  const canCreate = user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);

  const ordered = useMemo(() => orderChecks(checks.data ?? []), [checks.data]);
  const needle = q.trim().toLowerCase();
  const filtered = needle ? ordered.filter((c) => `${c.name} ${c.target} ${c.serviceName}`.toLowerCase().includes(needle)) : ordered;
  const down = ordered.filter((c) => c.state === 'down' && !c.paused);

  return (
    <Page
      title="Checks"
      actions={
        canCreate && (
          <Link to="/checks/new" className="btn btn-primary">
            New check
          </Link>
        )
      }
    >
      {checks.isPending ? (
        <Loading what="Loading checks" />
      ) : checks.isError ? (
        <QueryError error={checks.error} retry={() => checks.refetch()} />
      ) : ordered.length === 0 ? (
        <div className="empty">
          <p>No checks yet. A check probes a URL, port, certificate or DNS name from here, as your users would, and raises an alert on its service when it fails.</p>
        </div>
      ) : (
        <>
          <p className={down.length ? 'checks-summary checks-summary-down' : 'checks-summary'} role="status">
            {down.length
              ? `${down.length} of ${ordered.length} checks down.`
              : `All ${ordered.filter((c) => !c.paused).length} active checks up or waiting.`}
          </p>
          <form className="filters" role="search" aria-label="Filter checks" onSubmit={(e) => e.preventDefault()}>
            <TextField label="Search" type="search" value={q} onChange={(e) => setQ(e.target.value)} />
          </form>
          <ul className="check-list" aria-label="Checks">
            {filtered.slice(0, shown).map((c) => (
              <CheckRow key={c.id} check={c} now={now} />
            ))}
          </ul>
          {filtered.length > shown && (
            <button type="button" className="btn" onClick={() => setShown(shown + PAGE)}>
              Show {Math.min(PAGE, filtered.length - shown)} more of {filtered.length - shown}
            </button>
          )}
        </>
      )}
    </Page>
  );
}

function CheckRow({ check: c, now }: { check: CheckSummary; now: number }) {
  const since = c.stateChangedAt ? durationText(now - new Date(c.stateChangedAt).getTime()) : null;
  return (
    <li className={`check-row ${stateClass(c)}`}>
      <div className="check-main">
        <span className={`badge check-badge ${stateClass(c)}`}>{stateLabel(c)}</span>
        <Link to={`/checks/${c.id}`} className="check-name">
          {c.name}
        </Link>
        <span className="muted check-service">{c.serviceName}</span>
      </div>
      <p className="check-detail">
        {c.state === 'down' && !c.paused && since ? <strong>Down for {since}: </strong> : null}
        <span>{c.lastMessage ?? 'Not probed yet'}</span>
      </p>
      <div className="check-meta muted">
        <span className="check-target">{c.target}</span>
        <span>{intervalText(c.intervalSeconds)}</span>
        {c.lastLatencyMs !== null && <span>{c.lastLatencyMs} ms</span>}
      </div>
      <Sparkline recent={c.recent} />
    </li>
  );
}
