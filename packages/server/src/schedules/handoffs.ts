import type { HandoffReport, HandoffReportEntry } from '@operable/shared';
import type { Db } from '../db/index.js';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { buildHandoffReport, MAX_LISTED, type Handoff } from './handoff-report.js';
import { alertCountsOf, findHandoffReports, incidentsOf, insertHandoffReport, notesOf, openAlertsOf, pagesOf, servicesPagingSchedule } from './handoff-repository.js';
import { findScheduleRows } from './repository.js';
import { userNames } from '../auth/index.js';

/**
 * Gathers what happened in the outgoing person's shift and builds the report (for
 * the engine), with who of the two can receive it: a deleted account stays in a
 * rotation's list until someone edits it, and gets nothing.
 */
export async function composeHandoffReport(
  db: Db,
  schedule: { id: string; name: string; time_zone: string },
  handoff: Handoff,
  late: boolean,
): Promise<{ report: HandoffReport; recipients: string[] }> {
  const from = new Date(handoff.shiftStart);
  const at = new Date(handoff.at);
  const scheduleServices = await servicesPagingSchedule(db, schedule.id);
  const [pages, open, notes, names, incidents] = await Promise.all([
    pagesOf(db, handoff.outgoing, from, at, MAX_LISTED),
    openAlertsOf(db, scheduleServices, MAX_LISTED),
    notesOf(db, schedule.id, handoff.role, handoff.outgoing, from, at),
    userNames(db, [handoff.outgoing, handoff.incoming]),
    incidentsOf(db, scheduleServices, handoff.outgoing, from, at, MAX_LISTED),
  ]);
  // Noise counts the schedule's services and any other service that paged the person.
  const noisy = [...new Set([...scheduleServices, ...pages.map((p) => p.serviceId)])];
  const noise = await alertCountsOf(db, noisy, from, at);
  const report = buildHandoffReport({
    schedule: { id: schedule.id, name: schedule.name, timeZone: schedule.time_zone },
    handoff,
    names,
    late,
    pages,
    open: open.alerts,
    openTotal: open.total,
    noise,
    notes,
    incidents,
  });
  return { report, recipients: [handoff.outgoing, handoff.incoming].filter((id) => names.has(id)) };
}

/** Keeps the report; false when this changeover was reported before, so nothing is sent twice. */
export async function recordHandoffReport(db: Db, handoff: Handoff, composed: { report: HandoffReport; recipients: readonly string[] }, now: Date): Promise<boolean> {
  const { report, recipients } = composed;
  const known = (id: string) => (recipients.includes(id) ? id : null);
  return insertHandoffReport(db, {
    schedule_id: report.scheduleId,
    role: handoff.role,
    changeover_at: new Date(handoff.at),
    outgoing_user_id: known(handoff.outgoing),
    incoming_user_id: known(handoff.incoming),
    report,
    created_at: now,
  });
}

/** Recent handoff reports of a schedule, newest first; anyone signed in may read them, like the schedule. */
export async function listHandoffReports(ctx: Ctx, scheduleId: string, query: { limit: number }): Promise<HandoffReportEntry[]> {
  requireRole(ctx.actor, 'viewer');
  if (!(await findScheduleRows(ctx.db, [scheduleId])).length) throw notFound('Schedule', scheduleId);
  const rows = await findHandoffReports(ctx.db, scheduleId, query.limit);
  return rows.map((r) => ({
    id: r.id,
    role: r.role,
    changeoverAt: r.changeover_at.toISOString(),
    createdAt: r.created_at.toISOString(),
    report: r.report as HandoffReport,
  }));
}
