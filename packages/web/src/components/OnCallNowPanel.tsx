import type { OnCallEntry } from '@operable/shared';
import { Link } from 'react-router-dom';
import { errorMessage } from '../api';
import { formatMoment } from '../schedule-layout';
import { useOnCall, useSchedules } from '../schedule-queries';
import { useViewerZone } from '../session';

interface Group {
  id: string;
  name: string;
  entries: OnCallEntry[];
}

/** "Who is on call now", per schedule and role. Quiet until there is a schedule. */
export function OnCallNowPanel() {
  const zone = useViewerZone();
  const schedules = useSchedules();
  const oncall = useOnCall();
  if (!schedules.data?.length) return null;

  const groups: Group[] = schedules.data.map((s) => ({
    id: s.id,
    name: s.name,
    entries: (oncall.data?.items ?? []).filter((e) => e.schedule.id === s.id),
  }));

  return (
    <section className="panel oncall-panel" aria-labelledby="oncall-h">
      <h2 id="oncall-h">On call now</h2>
      {oncall.isPending ? (
        <p className="muted">Loading…</p>
      ) : oncall.isError ? (
        <p className="alert alert-error">Couldn’t load who is on call: {errorMessage(oncall.error)}</p>
      ) : (
        <ul className="oncall-list">
          {groups.map((g) => (
            <li key={g.id}>
              <Link to={`/schedules/${g.id}`} className="oncall-schedule">
                {g.name}
              </Link>
              {g.entries.length === 0 ? (
                <span className="warning-text"> Nobody is on call.</span>
              ) : (
                <ul className="oncall-roles">
                  {g.entries.map((e) => (
                    <li key={`${e.role}-${e.user.id}-${e.start}`}>
                      <span className="oncall-role">{e.role === 'primary' ? 'Primary' : 'Secondary'}</span> <strong>{e.user.name}</strong>{' '}
                      <span className="muted">until {formatMoment(e.end, zone)}</span>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
