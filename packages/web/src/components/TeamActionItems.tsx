import type { ActionItem } from '@operable/shared';
import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api';

type TeamItem = ActionItem & { postmortemTitle: string; incidentNumber: number };

/** Post-mortem action items of the team that are past their due date: follow-up that must not rot. */
export function TeamActionItems({ teamId }: { teamId: string }) {
  const items = useQuery({
    queryKey: ['postmortems', 'team-items', teamId],
    queryFn: () => api.get<{ items: TeamItem[] }>('/api/postmortem-action-items', { teamId, overdue: 'true' }).then((r) => r.items),
  });
  if (!items.data?.length) return null;
  return (
    <section aria-labelledby="team-overdue-h">
      <h2 id="team-overdue-h">Overdue action items</h2>
      <ul className="card-list">
        {items.data.map((a) => (
          <li key={a.id} className="card card-warning">
            <p className="card-title">{a.title}</p>
            <p className="muted">
              {a.owner?.name ?? 'No owner'} · due {a.dueOn} · from <Link to={`/postmortems/${a.postmortemId}`}>{a.postmortemTitle}</Link>
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
