import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../lib/context.js';
import { zoneNamed } from '../lib/wall-clock.js';
import { sendNotice } from '../notify/index.js';
import { insertOverrides, loadSchedules } from './repository.js';
import {
  existingRecoveryDays,
  insertRecovery,
  pagesSent,
  restingOn,
  setRecoveryOverrides,
  teamRecoverySettings,
  userZones,
} from './recovery-repository.js';
import {
  dayBounds,
  pageEpisodes,
  recoveryCover,
  restDayRecoveries,
  sleepNightAt,
  RECOVERY_DEFAULTS,
  type RecoveryReason,
  type RecoverySettings,
} from './recovery-rules.js';
import { coverText, dayLabel, grantedText, whyText } from './recovery-text.js';
import { recoveryView } from './recovery.js';

/**
 * The engine's half of recovery time off: looks at the pages sent in a window and
 * grants the rest days they earn. Safe to run over the same window again (the
 * engine re-reads an overlap): a person has at most one record per day, and only
 * the insert that creates it goes on to write overrides and notices.
 */

const HOUR = 3_600_000;
/**
 * How far back time on pages is added up. A rest day is judged while it is still
 * today or yesterday somewhere, so three days also catch an alert that began paging
 * the evening before.
 */
const LOOKBACK = 72 * HOUR;

interface Decision {
  userId: string;
  teamId: string;
  reason: RecoveryReason;
  alertId: string;
  day: string;
  restDay?: string;
  spentMinutes?: number;
}

/** Grants what the pages sent in (since, until] earn; returns how many records it created. */
export async function scanForRecovery(ctx: Ctx, window: { since: Date; until: Date }): Promise<number> {
  const now = window.until.getTime();
  // One read for the window and the lookback: a scan runs every 15 s.
  const pages = await pagesSent(ctx.db, new Date(Math.min(window.since.getTime(), now - LOOKBACK)), window.until);
  const recent = pages.filter((p) => p.sentAt > window.since);
  const inLookback = pages.filter((p) => p.sentAt.getTime() > now - LOOKBACK);
  // Time on pages grows without new pages while an alert stays open, and is settled when it closes.
  const lingering = inLookback.filter((p) => p.triggered || (p.changedAt && p.changedAt > window.since));
  const weekendPeople = new Set([...recent, ...lingering].map((p) => p.userId));
  const lookback = inLookback.filter((p) => weekendPeople.has(p.userId));

  const people = await userZones(ctx.db, [...recent, ...lookback].map((p) => p.userId));
  const teams = await teamRecoverySettings(ctx.db, [...recent, ...lookback].map((p) => p.teamId));
  const settingsOf = (teamId: string): RecoverySettings & { teamName: string | null } => teams.get(teamId) ?? { ...RECOVERY_DEFAULTS, teamName: null };
  const zoneOf = (userId: string) => zoneNamed(people.get(userId)?.timeZone ?? 'UTC');

  const decisions: Decision[] = [];
  for (const p of recent) {
    const s = settingsOf(p.teamId);
    const night = sleepNightAt(zoneOf(p.userId), { start: s.sleepStart, end: s.sleepEnd }, p.sentAt.getTime());
    if (night) decisions.push({ userId: p.userId, teamId: p.teamId, reason: 'sleep_hours', alertId: p.alertId, day: night.day });
  }
  for (const [key, pages] of groupBy(lookback, (p) => `${p.userId} ${p.teamId}`)) {
    const [userId, teamId] = key.split(' ') as [string, string];
    const episodes = pageEpisodes(
      pages.map((p) => ({ alertId: p.alertId, at: p.sentAt.getTime(), closedAt: p.closedAt?.getTime() ?? null })),
      now,
    );
    for (const r of restDayRecoveries(zoneOf(userId), episodes, settingsOf(teamId))) {
      decisions.push({ userId, teamId, reason: r.reason, alertId: r.alertId, day: r.day, restDay: r.restDay, spentMinutes: r.spentMinutes });
    }
  }

  // A rest day that is already over helps nobody; the first reason for a day wins.
  const open = decisions.filter((d) => dayBounds(zoneOf(d.userId), d.day).end > now);
  const existing = await existingRecoveryDays(ctx.db, open.map((d) => d.userId), open.map((d) => d.day));
  let granted = 0;
  for (const d of open) {
    const key = `${d.userId} ${d.day}`;
    if (existing.has(key)) continue;
    existing.add(key);
    const person = people.get(d.userId) ?? { name: 'Someone', timeZone: 'UTC' };
    if (await grantRecovery(ctx, d, person, settingsOf(d.teamId))) granted++;
  }
  return granted;
}

async function grantRecovery(
  ctx: Ctx,
  d: Decision,
  person: { name: string; timeZone: string },
  settings: RecoverySettings & { teamName: string | null },
): Promise<boolean> {
  const now = ctx.clock.now();
  const row = await insertRecovery(ctx.db, { userId: d.userId, teamId: d.teamId, reason: d.reason, alertId: d.alertId, day: d.day, now });
  if (!row) return false;

  const zone = zoneNamed(person.timeZone);
  const day = dayBounds(zone, d.day);
  const from = Math.max(day.start, now.getTime());
  let covers: ReturnType<typeof recoveryCover>['covers'] = [];
  let uncovered: ReturnType<typeof recoveryCover>['uncovered'] = [];
  const schedules = settings.recoveryNextDayOverride ? await loadSchedules(ctx.db, undefined, new Date(from), new Date(day.end)) : [];
  if (settings.recoveryNextDayOverride) {
    const resting = await restingOn(ctx.db, d.day);
    resting.delete(d.userId);
    ({ covers, uncovered } = recoveryCover(schedules.map((s) => ({ id: s.row.id, spec: s.spec })), d.userId, from, day.end, resting));
  }
  const overrides = await insertOverrides(
    ctx.db,
    covers.map((c) => ({
      schedule_id: c.scheduleId,
      role: c.role,
      user_id: c.userId,
      start_at: new Date(c.start),
      end_at: new Date(c.end),
      reason: `Recovery time off for ${person.name} (${d.reason === 'sleep_hours' ? 'paged in sleep hours' : `long pages on a ${d.reason === 'holiday' ? 'holiday' : 'weekend day'}`})`,
      source: 'recovery' as const,
      created_by: null,
      created_at: now,
    })),
  );
  const updated = await setRecoveryOverrides(ctx.db, row.id, overrides.map((o) => o.id));
  const view = recoveryView({ ...updated, user_name: person.name, time_zone: person.timeZone, team_name: settings.teamName }, false);
  await recordAudit(ctx, { action: 'recovery.grant', entityType: 'recovery_time_off', entityId: row.id, after: { ...view, restDay: d.restDay ?? null, spentMinutes: d.spentMinutes ?? null } });

  const scheduleName = new Map(schedules.map((s) => [s.row.id, s.row.name]));
  const line = (c: { scheduleId: string; role: 'primary' | 'secondary'; start: number; end: number }) => ({ ...c, scheduleName: scheduleName.get(c.scheduleId) ?? 'a schedule' });
  const coverPeople = await userZones(ctx.db, covers.map((c) => c.userId));
  const base = ctx.settings.publicUrl.replace(/\/+$/, '');
  await sendNotice(ctx.db, {
    userIds: [d.userId],
    kind: 'recovery_granted',
    title: `Recovery time off on ${dayLabel(d.day)}`,
    text: grantedText({
      why: whyText(d.reason, { sleepStart: settings.sleepStart, sleepEnd: settings.sleepEnd, restDay: d.restDay, spentMinutes: d.spentMinutes }),
      day: d.day,
      zone: person.timeZone,
      covers: covers.map((c) => ({ ...line(c), coverName: coverPeople.get(c.userId)?.name ?? 'someone' })),
      uncovered: uncovered.map(line),
      overridesOn: settings.recoveryNextDayOverride,
      declineUrl: `${base}/recovery`,
      recoveryId: row.id,
    }),
    body: { recovery: view, decline: { method: 'POST', path: `/api/recovery/${row.id}/decline` } },
    now,
    traceId: ctx.requestId,
  });
  for (const [coverId, mine] of groupBy(covers, (c) => c.userId)) {
    await sendNotice(ctx.db, {
      userIds: [coverId],
      kind: 'recovery_cover',
      title: `You cover ${person.name} on ${dayLabel(d.day)}`,
      text: coverText({ personName: person.name, day: d.day, zone: coverPeople.get(coverId)?.timeZone ?? 'UTC', covers: mine.map(line) }),
      body: { recoveryId: row.id, overrideIds: overrides.filter((o) => o.user_id === coverId).map((o) => o.id) },
      now,
      traceId: ctx.requestId,
    });
  }
  ctx.log.event('RECOVERY_GRANTED', { recoveryId: row.id, userId: d.userId, day: d.day, reason: d.reason, overrides: overrides.length });
  return true;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}
