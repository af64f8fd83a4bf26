import type { AlertDetail, AlertResponder } from '@operable/shared';
import { RESPONDER_STATE_LABELS, channelLabel, responderState } from '../alert-story';
import { formatAgo, formatIn, formatTheirTime, formatTime, zoneDiffers } from '../format';

/**
 * "Who is on it": each person the alert paged, where they stand (acknowledged,
 * delivered, scheduled, failed) with times, and the time it was for them when their
 * zone differs from the viewer's (a page at 3 a.m. their time reads differently).
 */
export function AlertPeople({ alert: a, timeZone, now }: { alert: AlertDetail; timeZone: string; now: number }) {
  const people = a.responders.filter((r) => !r.shadow);
  const shadows = a.responders.filter((r) => r.shadow);
  return (
    <section aria-labelledby="people-h" className="people-section">
      <h2 id="people-h">Who is on it</h2>
      {people.length === 0 ? (
        <p className="muted">{a.status === 'triggered' && !a.suppressedBy && !a.groupLeaderId ? 'Nobody has been paged yet.' : 'Nobody was paged for this alert.'}</p>
      ) : (
        <ul className="people-list">
          {people.map((r) => (
            <Responder key={r.userId} r={r} timeZone={timeZone} now={now} />
          ))}
        </ul>
      )}
      {shadows.length > 0 && <p className="muted">Shadowing (copies only): {shadows.map((s) => s.name).join(', ')}.</p>}
    </section>
  );
}

function Responder({ r, timeZone, now }: { r: AlertResponder; timeZone: string; now: number }) {
  const state = responderState(r);
  const at = (iso: string, ahead = false) => (
    <time dateTime={iso}>
      {formatTime(iso, timeZone)} <span className="muted">({ahead ? formatIn(iso, now) : formatAgo(iso, now)})</span>
    </time>
  );
  const theirs = (iso: string) => (zoneDiffers(r.timeZone, timeZone) ? <span className="muted"> · {formatTheirTime(iso, r.timeZone)}</span> : null);
  return (
    <li className={`person person-${state}`}>
      <p className="person-head">
        <strong>{r.name}</strong> <span className={`person-state state-${state}`}>{RESPONDER_STATE_LABELS[state]}</span>
      </p>
      <ul className="person-steps">
        <li>
          {state === 'waiting' ? 'Reached by the escalation' : 'Paged'} {at(r.pagedAt)}
          {theirs(r.pagedAt)}
        </li>
        {r.deliveredAt && (
          <li>
            {channelLabel(r.deliveredVia)} delivered {at(r.deliveredAt)}
          </li>
        )}
        {!r.deliveredAt && r.nextAt && (
          <li>
            First message goes out {at(r.nextAt, true)}, as their notification rules say
          </li>
        )}
        {r.failed && <li className="text-danger">Every contact method failed.</li>}
        {r.acknowledgedAt && <li>Acknowledged {at(r.acknowledgedAt)}</li>}
      </ul>
    </li>
  );
}
