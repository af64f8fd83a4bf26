import { sendNotice } from '../notify/index.js';
import {
  composeHandoffReport,
  HANDOFF_LOOKAHEAD,
  HANDOFF_LOOKBACK,
  handoffsBetween,
  handoffTitle,
  loadSchedules,
  recordHandoffReport,
  renderHandoffText,
} from '../schedules/index.js';
import type { EngineModule } from './index.js';
import { forEachDueSchedule } from './schedule-cursors.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/**
 * Changeovers missed while no engine ran are still reported (marked late) when
 * they are at most this old: a day-old report still tells the incoming person what
 * is open and what the notes say. Older ones are skipped, and the skip is logged:
 * by then the incoming person has lived through what the report would describe.
 */
export const MAX_LATE = 24 * HOUR;
/** A report later than this after its changeover says so. */
const LATE_AFTER = 15 * MINUTE;

/**
 * At each changeover of a schedule role, the outgoing and incoming person get a
 * handoff report (inbox and email). A cursor per schedule remembers up to when
 * changeovers were reported; handoff_reports' unique key is the last word, so two
 * engines never send the same report.
 */
export const handoffModule: EngineModule = {
  name: 'handoffs',
  everyMs: 15_000,
  tick: (ectx) =>
    forEachDueSchedule(ectx, { kind: 'handoff', everyMs: MINUTE, start: 'creation', maxBackMs: MAX_LATE, batch: 50 }, async (db, cursor, now) => {
      const until = now.getTime();
      const after = Math.max(cursor.checkedUntil.getTime(), until - MAX_LATE);
      if (after > cursor.checkedUntil.getTime()) {
        ectx.log.event('HANDOFF_REPORTS_SKIPPED', { scheduleId: cursor.scheduleId, from: cursor.checkedUntil.toISOString(), to: new Date(after).toISOString() });
      }
      const [schedule] = await loadSchedules(db, [cursor.scheduleId], new Date(after - HANDOFF_LOOKBACK), new Date(until + HANDOFF_LOOKAHEAD));
      if (!schedule) return;
      for (const handoff of handoffsBetween(schedule.spec, after, until)) {
        const composed = await composeHandoffReport(db, schedule.row, handoff, until - handoff.at > LATE_AFTER);
        if (!(await recordHandoffReport(db, handoff, composed, now))) continue;
        const { report } = composed;
        await sendNotice(db, {
          userIds: composed.recipients,
          kind: 'handoff_report',
          title: handoffTitle(report),
          text: renderHandoffText(report, ectx.settings.publicUrl),
          body: { report },
          now,
          traceId: `handoff-${schedule.row.id}-${handoff.role}-${handoff.at}`,
        });
        ectx.log.event('HANDOFF_REPORT_SENT', {
          scheduleId: schedule.row.id,
          role: handoff.role,
          changeoverAt: report.changeoverAt,
          outgoing: handoff.outgoing,
          incoming: handoff.incoming,
          late: report.late,
        });
      }
    }),
};
