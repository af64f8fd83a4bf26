import type { RecoveryTimeOff } from '@operable/shared';
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router-dom';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { formatDateTime, plural } from '../format';
import { canDecline, formatDay, RECOVERY_STATE_LABELS, recoveryReasonText, recoveryState, type RecoveryState } from '../oncall-format';
import { oncallKeys } from '../oncall-queries';
import { useRefreshOnCall } from '../schedule-queries';
import { DangerButton } from './DangerButton';

interface Props {
  items: RecoveryTimeOff[];
  now: number;
  meId: string;
  zone: string;
  label: string;
  empty: string;
  /** Name the person on each day (a team's list). */
  showPerson?: boolean;
}

/** Rest days, newest first: why, where each stands, the alert behind it; the person's own upcoming ones can be declined. */
export function RecoveryList({ items, now, meId, zone, label, empty, showPerson }: Props) {
  if (!items.length) return <p className="muted">{empty}</p>;
  return (
    <ul className="recovery-list" aria-label={label}>
      {items.map((r) => (
        <RecoveryItem key={r.id} r={r} now={now} own={r.user.id === meId} zone={zone} showPerson={showPerson} />
      ))}
    </ul>
  );
}

function stateNote(r: RecoveryTimeOff, state: RecoveryState, own: boolean, zone: string): string {
  if (state === 'declined') return `Declined${r.decidedAt ? ` ${formatDateTime(r.decidedAt, zone)}` : ''}.`;
  if (state === 'taken') return 'Off call all day.';
  if (state === 'not_taken') return `${own ? 'You were' : 'Was'} on call during it after all.`;
  return r.overrideIds.length
    ? `${plural(r.overrideIds.length, 'override')} put someone else on call.`
    : `No on-call changes for it${own ? ': ask for a swap if you are on call that day' : ''}.`;
}

function RecoveryItem({ r, now, own, zone, showPerson }: { r: RecoveryTimeOff; now: number; own: boolean; zone: string; showPerson?: boolean }) {
  const qc = useQueryClient();
  const announce = useAnnounce();
  const refreshOnCall = useRefreshOnCall();
  const state = recoveryState(r, now);
  const day = formatDay(r.day);
  return (
    <li className="recovery-item">
      <div>
        <p className="recovery-head">
          <strong>{day}</strong>
          {showPerson && <span>{r.user.name}</span>}
          <span className={`badge badge-recovery-${state}`}>{RECOVERY_STATE_LABELS[state]}</span>
        </p>
        <p>
          {recoveryReasonText(r.reason, own)}
          {r.alertId && (
            <>
              {' '}
              (<Link to={`/alerts/${r.alertId}`}>the alert</Link>)
            </>
          )}
          . <span className="muted">{stateNote(r, state, own, zone)}</span>
        </p>
      </div>
      {own && canDecline(r, now) && (
        <DangerButton
          small
          label="Decline"
          ariaLabel={`Decline your rest day on ${day}`}
          title={`Decline your rest day on ${day}?`}
          confirmLabel="Decline rest day"
          action={() => api.post(`/api/recovery/${encodeURIComponent(r.id)}/decline`)}
          onDone={() => {
            qc.invalidateQueries({ queryKey: oncallKeys.recovery });
            refreshOnCall();
            announce(`Rest day on ${day} declined.`);
          }}
        >
          {r.overrideIds.length > 0 ? (
            <p>
              Someone else was put on call for you that day. Declining puts you back on call for whatever of the day is still ahead:
              cover that hasn’t started is removed, cover already running ends now, and the people covering you are told.
            </p>
          ) : (
            <p>Nobody was put on call in your place, so your shifts don’t change; the day just stops counting as recovery time off.</p>
          )}
          <p>This can’t be undone.</p>
        </DangerButton>
      )}
    </li>
  );
}
