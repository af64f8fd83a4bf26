import type { MaintenanceWindow } from '@operable/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { useAnnounce } from '../announcer';
import { inEffectUntil, nextOccurrence, recurrenceOf, scopeText, windowState } from '../maintenance-format';
import { deleteMaintenance, maintenanceKeys } from '../maintenance-queries';
import { formatMoment, formatSpan } from '../schedule-layout';
import { DangerButton } from './DangerButton';

interface Props {
  item: MaintenanceWindow;
  now: number;
  zone: string;
  editable: boolean;
}

/** One maintenance window: when (in the viewer's zone), what it covers, and its edit and delete buttons. */
export function MaintenanceCard({ item: w, now, zone, editable }: Props) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const state = windowState(w, now);
  const until = inEffectUntil(w, now);
  const recurrence = recurrenceOf(w);
  const next = nextOccurrence(w, now);
  const span = w.startsAt && w.endsAt ? formatSpan(w.startsAt, w.endsAt, zone) : null;

  return (
    <li className={`card${state === 'active' ? ' card-warning' : ''}`}>
      <h3 className="card-title">{w.name}</h3>
      {until !== null && (
        <p>
          <strong>In effect until {formatMoment(until, zone)}</strong>
        </p>
      )}
      {recurrence ? (
        <>
          <p>{recurrence}</p>
          <p className="muted">{next ? `Next: ${formatSpan(next.startsAt, next.endsAt, zone)}` : 'Next: not known yet'}</p>
        </>
      ) : (
        span && state !== 'active' && <p>{state === 'ended' ? `Ran ${span}` : span}</p>
      )}
      <p className="muted">
        {w.serviceIds === null ? (
          <strong>All services</strong>
        ) : (
          <>
            {w.services.length === 1 ? 'Service: ' : 'Services: '}
            {w.services.map((s, i) => (
              <span key={s.id}>
                {i > 0 && ', '}
                <Link to={`/services/${s.id}`}>{s.name}</Link>
              </span>
            ))}
          </>
        )}
        {w.createdBy && ` · Planned by ${w.createdBy}`}
      </p>
      {editable && (
        <div className="method-actions">
          <Link to={`/maintenance/${w.id}/edit`} className="btn btn-small" aria-label={`Edit ${w.name}`}>
            Edit
          </Link>
          <DangerButton
            small
            label="Delete"
            ariaLabel={`Delete ${w.name}`}
            title={`Delete ${w.name}?`}
            confirmLabel="Delete window"
            action={() => deleteMaintenance(w.id)}
            onDone={() => {
              qc.removeQueries({ queryKey: maintenanceKeys.one(w.id) });
              qc.invalidateQueries({ queryKey: maintenanceKeys.all });
              announce(`Maintenance window “${w.name}” deleted.`);
            }}
          >
            <p>
              This deletes the maintenance window <strong>{w.name}</strong> ({scopeText(w)}).
              {state === 'active' && ' It is in effect now: alerts for its services page people again from now on.'} It can’t be undone.
            </p>
          </DangerButton>
        </div>
      )}
    </li>
  );
}
