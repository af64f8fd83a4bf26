import { handoffsBetween, type Handoff } from './handoff-report.js';
import { localTime } from './notice-text.js';
import type { ScheduleSpec } from './oncall.js';

const HOUR = 3_600_000;
/**
 * How long before a shift its person is reminded: a day, so the reminder arrives
 * the day before at the time the shift starts, when there is still time to swap.
 */
export const REMINDER_LEAD = 24 * HOUR;

export interface Reminder {
  handoff: Handoff;
  /** Idempotence key in schedule_notices: one reminder per person, role and start. */
  key: string;
}

/**
 * Reminders due at `now`: for every shift whose person differs from the one before
 * and that starts within the lead. A shift created later than a day ahead (a swap,
 * an override) is reminded at once; one that has already started is left to the
 * handoff report.
 */
export function dueReminders(spec: ScheduleSpec, now: number, lead = REMINDER_LEAD): Reminder[] {
  return handoffsBetween(spec, now, now + lead).map((handoff) => ({
    handoff,
    key: `${handoff.role}:${handoff.incoming}:${new Date(handoff.at).toISOString()}`,
  }));
}

export function reminderText(
  schedule: { id: string; name: string; timeZone: string },
  h: Handoff,
  names: ReadonlyMap<string, string>,
  publicUrl: string,
): { title: string; text: string } {
  const name = (id: string) => names.get(id) ?? 'Deleted user';
  const zone = schedule.timeZone;
  const until = h.incomingUntil === null ? '' : ` until ${localTime(h.incomingUntil, zone)}`;
  return {
    title: `Reminder: you are on call for ${schedule.name} (${h.role}) from ${localTime(h.at, zone)}`,
    text: [
      `You are on call as ${h.role} for ${schedule.name} from ${localTime(h.at, zone)}${until} (${zone}).`,
      `You take over from ${name(h.outgoing)}; their handoff report reaches you at the changeover.`,
      'Check that your phone reaches you and that your contact methods are verified. Need someone to cover? Ask for a swap in Operable.',
      `Schedule: ${publicUrl.replace(/\/+$/, '')}/schedules/${schedule.id}`,
    ].join('\n\n'),
  };
}
