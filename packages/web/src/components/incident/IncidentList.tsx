import type { Incident } from '@operable/shared';
import { Link } from 'react-router-dom';
import { formatAgo } from '../../format';
import { INCIDENT_STATUS_LABELS, nextUpdateText, ROLE_LABELS } from '../../incident-format';

/** Incidents as a list: severity, status, commander and when the next update is due. */
export function IncidentList({ items, now, label }: { items: Incident[]; now: number; label: string }) {
  return (
    <ul className="incident-list" aria-label={label}>
      {items.map((i) => {
        const commander = i.roles.find((r) => r.role === 'commander');
        return (
          <li key={i.id} className={`incident-item sev-${i.severity}${i.status === 'resolved' ? ' incident-resolved' : ''}`}>
            <h3 className="incident-item-title">
              <Link to={`/incidents/${i.number}`}>
                #{i.number} {i.title}
              </Link>
            </h3>
            <p className="alert-meta">
              <span className={`badge badge-sev badge-sev-${i.severity}`}>{i.severityName}</span>
              <span className="badge">{INCIDENT_STATUS_LABELS[i.status]}</span>
              {i.drill && <span className="badge badge-drill">DRILL</span>}
              <span className="muted">declared {formatAgo(i.declaredAt, now)}</span>
            </p>
            {i.status !== 'resolved' && (
              <p className="incident-item-meta">
                {commander ? `${ROLE_LABELS.commander}: ${commander.user.name}` : 'No commander'} ·{' '}
                <span className={i.updateOverdue ? 'text-danger' : undefined}>{nextUpdateText(i.nextUpdateAt, now)}</span>
              </p>
            )}
          </li>
        );
      })}
    </ul>
  );
}
