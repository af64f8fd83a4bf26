import type { Alert } from '@operable/shared';
import { useId } from 'react';
import { Link } from 'react-router-dom';
import { formatAgo, formatDateTime } from '../format';
import { AlertActions } from './AlertActions';
import { StatusBadge, UrgencyBadge } from './Badges';

interface Props {
  alert: Alert;
  canAct: boolean;
  now: number;
  timeZone: string;
  /** The title's heading level: 3 where the list sits under a section heading. */
  level?: 2 | 3;
}

/** One alert in the list: what, where, how bad, how long, and the buttons to act on it. */
export function AlertRow({ alert: a, canAct, now, timeZone, level = 2 }: Props) {
  const titleId = useId();
  const Title = level === 3 ? 'h3' : 'h2';
  return (
    <li className={`alert-item alert-item-${a.status}`}>
      <div className="alert-item-body">
        <Title className="alert-item-title" id={titleId}>
          <Link to={`/alerts/${a.id}`}>
            <span className="alert-number">#{a.number}</span> {a.summary}
          </Link>
        </Title>
        <p className="alert-meta">
          <StatusBadge status={a.status} />
          <UrgencyBadge urgency={a.urgency} />
          <Link to={`/services/${a.serviceId}`}>{a.serviceName}</Link>
          <time dateTime={a.createdAt} title={formatDateTime(a.createdAt, timeZone)}>
            {formatAgo(a.createdAt, now)}
          </time>
          {a.occurrences > 1 && (
            <span className="count">
              <span aria-hidden="true">×{a.occurrences}</span>
              <span className="visually-hidden">received {a.occurrences} times</span>
            </span>
          )}
          {a.groupSize > 1 && <span className="count">+{a.groupSize - 1} grouped</span>}
        </p>
        {a.suppressedBy && (
          <p className="alert-note">
            Suppressed by a maintenance window: nobody was paged.
          </p>
        )}
        {a.groupLeaderId && (
          <p className="alert-note">
            Part of a storm group: <Link to={`/alerts/${a.groupLeaderId}`}>see the alert that leads it</Link>.
          </p>
        )}
      </div>
      {canAct && <AlertActions alert={a} describedBy={titleId} />}
    </li>
  );
}
