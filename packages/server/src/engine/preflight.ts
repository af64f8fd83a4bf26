import { notificationPlan, sendNotice } from '../notify/index.js';
import {
  claimNotice,
  findingView,
  forgetNoticesExcept,
  loadSchedules,
  PREFLIGHT_WINDOW,
  preflightFindings,
  preflightNotices,
  preflightScan,
  scheduleWatchers,
} from '../schedules/index.js';
import { userNames } from '../auth/index.js';
import type { EngineModule } from './index.js';
import { forEachDueSchedule } from './schedule-cursors.js';

const DAY = 86_400_000;

/**
 * Once a day per schedule (and as soon as a schedule is created), a look at the
 * next 14 days: anyone on call whom a high-urgency page could not reach (no
 * verified contact method with a rule for it), and any stretch with nobody on
 * call as primary. The person is told, and so is the schedule's team (the admins
 * for a schedule of no team). A warning goes out once while its problem lasts: its
 * key stays in schedule_notices until the problem is gone, then is forgotten, so
 * a problem that comes back is warned about again.
 */
export const preflightModule: EngineModule = {
  name: 'preflight',
  everyMs: 60_000,
  tick: (ectx) =>
    forEachDueSchedule(ectx, { kind: 'preflight', everyMs: DAY, start: 'due', maxBackMs: 0, batch: 20 }, async (db, cursor, now) => {
      const at = now.getTime();
      const [schedule] = await loadSchedules(db, [cursor.scheduleId], new Date(at - PREFLIGHT_WINDOW), new Date(at + PREFLIGHT_WINDOW));
      if (!schedule) return;
      const scan = preflightScan(schedule.spec, at);
      const reachable = new Set<string>();
      for (const p of scan.people) if ((await notificationPlan(db, p.userId, 'high')).length) reachable.add(p.userId);
      const findings = preflightFindings(scan, reachable);
      await forgetNoticesExcept(db, schedule.row.id, 'preflight', findings.map((f) => f.key));
      const fresh = [];
      for (const f of findings) if (await claimNotice(db, schedule.row.id, 'preflight', f.key, now)) fresh.push(f);
      if (!fresh.length) return;

      const view = { id: schedule.row.id, name: schedule.row.name, timeZone: schedule.row.time_zone };
      const names = await userNames(db, fresh.flatMap((f) => (f.kind === 'unreachable' ? [f.userId] : [])));
      const notices = preflightNotices(view, fresh, names, ectx.settings.publicUrl, at);
      const traceId = `preflight-${view.id}-${now.toISOString()}`;
      // A deleted account left in the rotation is still worth the team's warning, but has no inbox.
      for (const p of notices.personal.filter((n) => names.has(n.userId))) {
        await sendNotice(db, { userIds: [p.userId], kind: 'preflight', title: p.title, text: p.text, body: { scheduleId: view.id, findings: fresh.filter((f) => f.kind === 'unreachable' && f.userId === p.userId).map(findingView) }, now, traceId });
      }
      if (notices.team) {
        const watchers = await scheduleWatchers(db, schedule.row.team_id);
        await sendNotice(db, { userIds: watchers, kind: 'preflight', title: notices.team.title, text: notices.team.text, body: { scheduleId: view.id, findings: fresh.map(findingView) }, now, traceId });
      }
      ectx.log.event('PREFLIGHT_WARNING_SENT', {
        scheduleId: view.id,
        unreachable: fresh.filter((f) => f.kind === 'unreachable').length,
        gaps: fresh.filter((f) => f.kind === 'gap').length,
      });
    }),
};
