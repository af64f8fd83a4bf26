import type { Alert } from '@operable/shared';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { AlertRow } from '../components/AlertRow';
import { LiveStatus, useNow } from '../components/LiveStatus';
import { OnCallNowPanel } from '../components/OnCallNowPanel';
import { Loading, Page, QueryError } from '../components/Page';
import { PageServiceForm } from '../components/PageServiceForm';
import { plural } from '../format';
import { useIncidents } from '../incident-queries';
import { useAlerts } from '../queries';
import { IncidentList } from '../components/incident/IncidentList';
import { WellbeingPanel } from '../components/incident/WellbeingPanel';
import { useCan, useCurrentUser } from '../session';

/** Incidents still running: rare, and every responder should see them at once. */
function RunningIncidents({ now }: { now: number }) {
  const open = useIncidents('open');
  if (!open.data?.length) return null;
  return (
    <section aria-labelledby="home-incidents-h">
      <h2 id="home-incidents-h">Incidents running now</h2>
      <IncidentList items={open.data} now={now} label="Running incidents" />
    </section>
  );
}

/**
 * Where a responder lands: what is theirs and still open, first; then who is on
 * call now. Everything else is one tap away in the navigation.
 */
export function HomePage() {
  const user = useCurrentUser();
  const canAct = useCan('responder');
  const now = useNow(10_000);
  const mine = useAlerts({ status: 'open', mine: 'true' });
  const all = useAlerts({ status: 'open' });
  const [paging, setPaging] = useState(false);
  const pageButton = useRef<HTMLButtonElement>(null);
  const items: Alert[] = mine.data?.pages.flatMap((p) => p.items) ?? [];
  const allOpen = all.data?.pages.flatMap((p) => p.items).length ?? 0;
  const others = Math.max(0, allOpen - items.length);

  return (
    <Page
      title="Now"
      actions={
        canAct && (
          <button ref={pageButton} type="button" className="btn btn-primary" aria-expanded={paging} onClick={() => setPaging((p) => !p)}>
            Page a service
          </button>
        )
      }
    >
      {paging && (
        <PageServiceForm
          serviceId=""
          onClose={() => {
            setPaging(false);
            pageButton.current?.focus();
          }}
        />
      )}
      <section aria-labelledby="mine-h">
        <h2 id="mine-h">Your open alerts</h2>
        {mine.isPending ? (
          <Loading what="Loading your alerts" />
        ) : mine.isError && items.length === 0 ? (
          <QueryError error={mine.error} retry={() => mine.refetch()} />
        ) : items.length === 0 ? (
          <p className="empty">
            <strong>Nothing open for you.</strong> No open alert paged you or belongs to your teams’ services.
          </p>
        ) : (
          <ul className="alert-list" aria-label="Your open alerts, newest first">
            {items.map((a) => (
              <AlertRow key={a.id} alert={a} canAct={canAct} now={now} timeZone={user.timeZone} level={3} />
            ))}
          </ul>
        )}
        {!mine.isPending && <LiveStatus updatedAt={mine.dataUpdatedAt} error={mine.isRefetchError ? mine.error : null} />}
        <p>
          <Link to="/alerts">{others > 0 ? `All open alerts (${plural(others, 'more')} not yours)` : 'All alerts'}</Link>
        </p>
      </section>
      <RunningIncidents now={now} />
      <WellbeingPanel now={now} />
      <OnCallNowPanel />
    </Page>
  );
}
