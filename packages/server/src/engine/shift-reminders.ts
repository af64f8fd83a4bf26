import { sendNotice } from '../notify/index.js';
import { claimNotice, dueReminders, forgetNoticesBefore, HANDOFF_LOOKAHEAD, HANDOFF_LOOKBACK, loadSchedules, REMINDER_LEAD, reminderText, } from '../schedules/index.js';
import { userNames } from '../auth/index.js';
import type { EngineModule } from './index.js';
import { forEachDueSchedule } from './schedule-cursors.js';

const MINUTE = 60_000;

/**
 * A day before someone's shift starts (when the person on call changes), they get
 * a reminder in the inbox and by email. schedule_notices holds one key per person,
 * role and start, so every engine, every minute, sends it once.
 */
export const shiftReminderModule: EngineModule = {
  name: 'shift-reminders',
  everyMs: 15_000,
  tick: (ectx) =>
    forEachDueSchedule(ectx, { kind: 'shift_reminder', everyMs: MINUTE, start: 'due', maxBackMs: 0, batch: 50 }, async (db, cursor, now) => {
      const at = now.getTime();
      const [schedule] = await loadSchedules(db, [cursor.scheduleId], new Date(at - HANDOFF_LOOKBACK), new Date(at + REMINDER_LEAD + HANDOFF_LOOKAHEAD));
      if (!schedule) return;
      // A reminder is sent no earlier than REMINDER_LEAD before its shift, so older keys can match no future shift.
      await forgetNoticesBefore(db, schedule.row.id, 'shift_reminder', new Date(at - 2 * REMINDER_LEAD));
      const due = dueReminders(schedule.spec, at);
      if (!due.length) return;
      const names = await userNames(db, due.flatMap((r) => [r.handoff.outgoing, r.handoff.incoming]));
      const view = { id: schedule.row.id, name: schedule.row.name, timeZone: schedule.row.time_zone };
      for (const { handoff, key } of due) {
        // A deleted account left in the rotation has nobody to remind.
        if (!names.has(handoff.incoming)) continue;
        if (!(await claimNotice(db, schedule.row.id, 'shift_reminder', key, now))) continue;
        const { title, text } = reminderText(view, handoff, names, ectx.settings.publicUrl);
        await sendNotice(db, {
          userIds: [handoff.incoming],
          kind: 'shift_reminder',
          title,
          text,
          body: {
            scheduleId: view.id,
            scheduleName: view.name,
            role: handoff.role,
            start: new Date(handoff.at).toISOString(),
            end: handoff.incomingUntil === null ? null : new Date(handoff.incomingUntil).toISOString(),
            takingOverFrom: { id: handoff.outgoing, name: names.get(handoff.outgoing) ?? 'Deleted user' },
          },
          now,
          traceId: `reminder-${view.id}-${key}`,
        });
        ectx.log.event('SHIFT_REMINDER_SENT', { scheduleId: view.id, role: handoff.role, userId: handoff.incoming, start: new Date(handoff.at).toISOString() });
      }
    }),
};
