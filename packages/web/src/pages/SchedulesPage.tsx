import { Link } from 'react-router-dom';
import { Loading, Page, QueryError } from '../components/Page';
import { SwapRequestList } from '../components/SwapRequestList';
import { plural, roleLabel } from '../format';
import { describeRotation, describeWindow } from '../schedule-draft';
import { formatMoment, zoneName } from '../schedule-layout';
import { useOnCall, useSchedules, useSwapRequests } from '../schedule-queries';
import { useCan, useCurrentUser, useViewerZone } from '../session';

export function SchedulesPage() {
  const user = useCurrentUser();
  const zone = useViewerZone();
  const schedules = useSchedules();
  const oncall = useOnCall();
  const canRespond = useCan('responder');
  const swaps = useSwapRequests(canRespond);
  // The nav's count leads here: what waits for an answer comes first.
  const waiting = (swaps.data ?? []).filter((r) => r.status === 'pending' && r.responder.id === user.id);
  const canCreate = user.role === 'admin' || (user.role === 'responder' && user.teamIds.length > 0);

  return (
    <Page
      title="Schedules"
      actions={
        <>
          <Link to="/swap-requests" className="btn">
            Swap requests
          </Link>
          {canCreate && (
            <Link to="/schedules/new" className="btn btn-primary">
              New schedule
            </Link>
          )}
        </>
      }
    >
      <p>A schedule says who is on call when: people take turns in rotations, and overrides cover holidays and swaps.</p>
      {waiting.length > 0 && (
        <section className="panel panel-highlight" aria-labelledby="waiting-h">
          <h2 id="waiting-h">Swap requests for you</h2>
          <SwapRequestList items={waiting} meId={user.id} zone={zone} label="Swap requests waiting for your answer" empty="" />
        </section>
      )}
      {schedules.isPending ? (
        <Loading what="Loading schedules" />
      ) : schedules.isError ? (
        <QueryError error={schedules.error} retry={() => schedules.refetch()} />
      ) : schedules.data.length === 0 ? (
        <div className="empty">
          <p>
            No schedules yet.
            {canCreate && ' Use “New schedule” to set up the first rotation.'}
          </p>
        </div>
      ) : (
        <ul className="card-list card-list-wide">
          {schedules.data.map((s) => {
            const now = oncall.data?.items.filter((e) => e.schedule.id === s.id) ?? [];
            return (
              <li key={s.id} className="card">
                <h2 className="card-title">
                  <Link to={`/schedules/${s.id}`}>{s.name}</Link>
                </h2>
                <p className="muted">
                  {s.teamName ? `Team: ${s.teamName}` : 'No team'} · {zoneName(s.timeZone)} · {plural(s.layers.length, 'layer')}
                </p>
                {oncall.data && (
                  <p>
                    {now.length === 0 ? (
                      <span className="warning-text">Nobody is on call now.</span>
                    ) : (
                      now.map((e, i) => (
                        <span key={`${e.role}-${e.user.id}`}>
                          {i > 0 && '; '}
                          {roleLabel(e.role)}: <strong>{e.user.name}</strong> until {formatMoment(e.end, zone)}
                        </span>
                      ))
                    )}
                  </p>
                )}
                <ul className="plain-list">
                  {s.layers.map((l) => (
                    <li key={l.id}>
                      <strong>{l.name}</strong> ({l.role}): {describeRotation(l)}
                      {l.restriction && `; ${l.restriction.map(describeWindow).join(', ')}`} — {l.participants.map((p) => p.name).join(', ')}
                    </li>
                  ))}
                </ul>
              </li>
            );
          })}
        </ul>
      )}
    </Page>
  );
}
