import type { CalendarFeed } from '@operable/shared';
import { recordAudit } from '../audit/index.js';
import type { Db } from '../db/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { randomToken, sha256 } from '../lib/crypto.js';
import { notFound } from '../lib/errors.js';
import { findLiveFeed, insertFeed, lockFeedOwner, revokeFeeds, type FeedOwner } from './calendar-repository.js';
import { renderCalendar, type FeedShift } from './calendar-render.js';
import { mergeSamePerson, scheduleLines, type Role } from './oncall.js';
import { findScheduleRows, loadSchedules, type LoadedSchedule } from './repository.js';
import { userNames } from '../auth/index.js';
import { requireScheduleEditor } from './schedules.js';

/**
 * Secret iCalendar URLs. Anyone signed in may subscribe to any schedule (viewers
 * read every schedule anyway). Each URL belongs to the person who made it, as in
 * PagerDuty: rotating or revoking yours never breaks a teammate's subscription, and
 * deleting a person kills their URLs. Making a new URL revokes your previous one
 * for the same schedule (or your personal feed): that is rotation. Only the token's
 * SHA-256 is stored; the URL is shown once.
 */

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const SHOWN_BACK = 4 * WEEK;
const SHOWN_AHEAD = 26 * WEEK;
/**
 * Shifts are computed over a wider range than shown, its edges on a fixed grid: a
 * run of shifts cut by the edge would otherwise start (and change UID) a little
 * later on every fetch. Cut runs, longer than the margin, move once per grid step.
 */
const GRID = 4 * WEEK;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{20,100}$/;

export async function createScheduleFeed(ctx: Ctx, scheduleId: string): Promise<CalendarFeed> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  const [row] = await findScheduleRows(ctx.db, [scheduleId]);
  if (!row) throw notFound('Schedule', scheduleId);
  return issue(ctx, { kind: 'schedule', subjectId: scheduleId, createdBy: ctx.actor.userId });
}

/** Revokes your URL for the schedule; with `everyone`, a schedule editor revokes every person's (a leaked URL). */
export async function revokeScheduleFeed(ctx: Ctx, scheduleId: string, scope: 'mine' | 'everyone' = 'mine'): Promise<void> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  const [row] = await findScheduleRows(ctx.db, [scheduleId]);
  if (!row) throw notFound('Schedule', scheduleId);
  if (scope === 'everyone') requireScheduleEditor(ctx.actor, row.team_id);
  const createdBy = scope === 'everyone' ? undefined : ctx.actor.userId;
  await revoke(ctx, { kind: 'schedule', subjectId: scheduleId, createdBy }, scope);
}

/** Your own shifts on every schedule, primary and secondary. */
export async function createMyFeed(ctx: Ctx): Promise<CalendarFeed> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  return issue(ctx, { kind: 'user', subjectId: ctx.actor.userId, createdBy: ctx.actor.userId });
}

export async function revokeMyFeed(ctx: Ctx): Promise<void> {
  requireRole(ctx.actor, 'viewer');
  requireSignedIn(ctx.actor);
  await revoke(ctx, { kind: 'user', subjectId: ctx.actor.userId, createdBy: ctx.actor.userId }, 'mine');
}

async function issue(ctx: Ctx, owner: FeedOwner): Promise<CalendarFeed> {
  await lockFeedOwner(ctx.db, owner);
  const now = ctx.clock.now();
  const replaced = await revokeFeeds(ctx.db, owner, now);
  const token = randomToken();
  const feedId = await insertFeed(ctx.db, owner, sha256(token), now);
  await recordAudit(ctx, {
    action: replaced ? 'calendar_feed.rotate' : 'calendar_feed.create',
    entityType: owner.kind,
    entityId: owner.subjectId,
    after: { feedId, kind: owner.kind, replaced },
  });
  return { url: `${ctx.settings.publicUrl}/ical/${token}.ics` };
}

/** Nothing live to revoke is not an error (revoking is idempotent) and changes nothing, so writes no audit row. */
async function revoke(ctx: Ctx, where: { kind: FeedOwner['kind']; subjectId: string; createdBy?: string }, scope: 'mine' | 'everyone'): Promise<void> {
  const revoked = await revokeFeeds(ctx.db, where, ctx.clock.now());
  if (!revoked) return;
  await recordAudit(ctx, { action: 'calendar_feed.revoke', entityType: where.kind, entityId: where.subjectId, after: { kind: where.kind, scope, revoked } });
}

/**
 * The calendar behind a secret URL. Unknown, revoked and malformed tokens, and
 * feeds whose schedule or person is gone, all look the same: not found.
 */
export async function renderFeed(db: Db, token: string, now: Date, publicUrl: string): Promise<string> {
  const feed = TOKEN_SHAPE.test(token) ? await findLiveFeed(db, sha256(token)) : undefined;
  if (!feed) throw notFound('Calendar feed');
  const range = feedRange(now.getTime());
  const computeFrom = new Date(range.computeFrom);
  const computeTo = new Date(range.computeTo);
  if (feed.kind === 'schedule') {
    const [schedule] = await loadSchedules(db, [feed.subject_id], computeFrom, computeTo);
    if (!schedule) throw notFound('Calendar feed');
    const runs = feedRuns(schedule, range);
    const names = await userNames(db, runs.map((r) => r.userId));
    return renderCalendar({
      kind: 'schedule',
      name: `${schedule.row.name} on call`,
      description: `Who is on call for ${schedule.row.name} (Operable), ${schedule.row.time_zone}`,
      publicUrl,
      now,
      shifts: runs.map((r) => ({ ...r, userName: names.get(r.userId) ?? 'Deleted user' })),
    });
  }
  const person = (await userNames(db, [feed.subject_id])).get(feed.subject_id);
  if (!person) throw notFound('Calendar feed');
  const schedules = await loadSchedules(db, undefined, computeFrom, computeTo);
  const runs = schedules.flatMap((s) => feedRuns(s, range).filter((r) => r.userId === feed.subject_id));
  return renderCalendar({
    kind: 'user',
    name: `${person} on call`,
    description: `${person}'s on-call shifts on every schedule (Operable)`,
    publicUrl,
    now,
    shifts: runs.map((r) => ({ ...r, userName: person })),
  });
}

interface FeedRange {
  from: number;
  to: number;
  computeFrom: number;
  computeTo: number;
}

export function feedRange(now: number): FeedRange {
  const from = now - SHOWN_BACK;
  const to = now + SHOWN_AHEAD;
  return { from, to, computeFrom: Math.floor(from / GRID) * GRID - GRID, computeTo: Math.ceil(to / GRID) * GRID + GRID };
}

/** Each role's final line, the same person's back-to-back shifts as one run, those touching the shown range. */
function feedRuns(schedule: LoadedSchedule, range: FeedRange): Omit<FeedShift, 'userName'>[] {
  const lines = scheduleLines(schedule.spec, range.computeFrom, range.computeTo);
  const { row } = schedule;
  return (['primary', 'secondary'] as Role[]).flatMap((role) =>
    mergeSamePerson(lines.final[role])
      .filter((s) => s.end > range.from && s.start < range.to)
      .map((s) => ({
        scheduleId: row.id,
        scheduleName: row.name,
        timeZone: row.time_zone,
        role,
        userId: s.userId,
        start: s.start,
        end: s.end,
        ackMinutes: role === 'primary' ? row.primary_ack_minutes : row.secondary_ack_minutes,
      })),
  );
}
