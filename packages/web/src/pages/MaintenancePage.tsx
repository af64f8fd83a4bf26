import type { MaintenanceWindow } from '@operable/shared';
import { Link, useSearchParams } from 'react-router-dom';
import { useNow } from '../components/LiveStatus';
import { MaintenanceCard } from '../components/MaintenanceCard';
import { Loading, Page, QueryError } from '../components/Page';
import { canEditWindow, canPlanMaintenance, groupWindows } from '../maintenance-format';
import { useMaintenanceWindows } from '../maintenance-queries';
import { useServices } from '../queries';
import { zoneName } from '../schedule-layout';
import { useCurrentUser, useViewerZone } from '../session';

const NO_FILTERS = {};

export function MaintenancePage() {
  const user = useCurrentUser();
  const zone = useViewerZone();
  const now = useNow(30_000);
  const [params, setParams] = useSearchParams();
  const showEnded = params.get('ended') === 'true';
  const windows = useMaintenanceWindows({ ended: showEnded });
  // Only to know which team each service belongs to, for who may edit what.
  const services = useServices(NO_FILTERS);
  const canPlan = canPlanMaintenance(user);
  const teamOf = (serviceId: string) => services.data?.find((s) => s.id === serviceId)?.teamId;

  function toggleEnded(on: boolean) {
    const next = new URLSearchParams(params);
    if (on) next.set('ended', 'true');
    else next.delete('ended');
    setParams(next, { replace: true });
  }

  const section = (id: string, title: string, items: MaintenanceWindow[], empty?: string) =>
    (items.length > 0 || empty) && (
      <section aria-labelledby={id}>
        <h2 id={id}>{title}</h2>
        {items.length === 0 ? (
          <p className="muted">{empty}</p>
        ) : (
          <ul className="card-list card-list-wide" aria-labelledby={id}>
            {items.map((w) => (
              <MaintenanceCard key={w.id} item={w} now={now} zone={zone} editable={canPlan && canEditWindow(user, w, teamOf)} />
            ))}
          </ul>
        )}
      </section>
    );

  const groups = windows.data ? groupWindows(windows.data, now) : null;

  return (
    <Page
      title="Maintenance"
      actions={
        canPlan && (
          <Link to="/maintenance/new" className="btn btn-primary">
            New maintenance window
          </Link>
        )
      }
    >
      <p>
        During a maintenance window, alerts for its services are still recorded but page nobody. Times are in{' '}
        {zoneName(zone)} (yours).
      </p>
      <label className="check">
        <input type="checkbox" checked={showEnded} onChange={(e) => toggleEnded(e.target.checked)} />
        Show ended windows
      </label>
      {windows.isPending ? (
        <Loading what="Loading maintenance windows" />
      ) : windows.isError ? (
        <QueryError error={windows.error} retry={() => windows.refetch()} />
      ) : !groups || windows.data.length === 0 ? (
        <div className="empty">
          <p>
            No maintenance {showEnded ? 'windows' : 'planned'}.
            {canPlan && ' Use “New maintenance window” before a deploy, so its alerts don’t wake anyone.'}
          </p>
        </div>
      ) : (
        <>
          {section('maint-active-h', 'In effect now', groups.active, 'Nothing is in maintenance now: alerts page as usual.')}
          {section('maint-upcoming-h', 'Upcoming', groups.upcoming)}
          {section('maint-recurring-h', 'Recurring', groups.recurring)}
          {showEnded && section('maint-ended-h', 'Ended', groups.ended, 'No one-off windows have ended yet.')}
        </>
      )}
    </Page>
  );
}
