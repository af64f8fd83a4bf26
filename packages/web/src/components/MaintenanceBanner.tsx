import { Link } from 'react-router-dom';
import { serviceMaintenance } from '../maintenance-format';
import { useMaintenanceWindows } from '../maintenance-queries';
import { formatMoment } from '../schedule-layout';
import { useNow } from './LiveStatus';

/** "In maintenance until …" on a service's page while a window covering it is in effect. */
export function MaintenanceBanner({ serviceId, zone }: { serviceId: string; zone: string }) {
  const windows = useMaintenanceWindows({ serviceId });
  const now = useNow(30_000);
  // Unknown (loading, or the server can't say) is not the same as "not in maintenance": stay quiet.
  const current = windows.data ? serviceMaintenance(windows.data, now) : null;
  if (!current) return null;
  return (
    <div className="alert alert-warning" role="status">
      <p>
        <strong>In maintenance until {formatMoment(current.until, zone)}</strong> ({current.names.join(', ')}): its alerts are
        recorded but page nobody. <Link to="/maintenance">See maintenance windows</Link>
      </p>
    </div>
  );
}
