import type { Override } from '@operable/shared';
import { api } from '../api';
import { useAnnounce } from '../announcer';
import { roleLabel } from '../format';
import { formatSpan } from '../schedule-layout';
import { useRefreshOnCall } from '../schedule-queries';
import { DangerButton } from './DangerButton';

const SOURCES: Record<Override['source'], string> = { manual: 'Override', swap: 'Swap', recovery: 'Recovery' };

/** The overrides in the timeline's window, each removable by the schedule's editors. */
export function OverridesList({ scheduleId, overrides, zone, editable }: { scheduleId: string; overrides: Override[]; zone: string; editable: boolean }) {
  const announce = useAnnounce();
  const refresh = useRefreshOnCall();
  if (!overrides.length) return <p className="muted">No overrides in this view.</p>;
  return (
    <ul className="member-list" aria-label="Overrides in this view">
      {overrides.map((o) => {
        const span = formatSpan(o.start, o.end, zone);
        return (
          <li key={o.id}>
            <span>
              <strong>{o.user.name}</strong> · {roleLabel(o.role)} · {span}
              <span className="muted">
                {' '}
                · {SOURCES[o.source]}
                {o.reason && `: ${o.reason}`}
              </span>
            </span>
            {editable && (
              <DangerButton
                small
                label="Remove"
                ariaLabel={`Remove override: ${o.user.name}, ${span}`}
                title="Remove this override?"
                confirmLabel="Remove override"
                action={() => api.del(`/api/schedules/${encodeURIComponent(scheduleId)}/overrides/${encodeURIComponent(o.id)}`)}
                onDone={() => {
                  refresh(scheduleId);
                  announce(`Override removed: ${o.user.name}, ${span}.`);
                }}
              >
                <p>
                  {o.user.name} will no longer be on call as {o.role} for {span}; the rotation applies again.
                </p>
              </DangerButton>
            )}
          </li>
        );
      })}
    </ul>
  );
}
