import type { HealthPerson, HealthReport, NoisySource as NoisySourceView } from '@operable/shared';
import { requireRole } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { notFound } from '../lib/errors.js';
import { listRecovery, loadSchedules, scheduleLines, type Role } from '../schedules/index.js';
import {
  ackSlaByLevel,
  bucketCounts,
  disruptedHours,
  hourOfWeekHeatMap,
  interruptionsOf,
  isInterrupting,
  lastWeekStarts,
  localTime,
  type NoisySource,
  noisiestSources,
  type NotificationEvent,
  onCallHours,
  pageEventsOf,
  pagerLoadBand,
  pagerLoadByWeek,
  personLoads,
  recoveryDays,
  responseTimes,
  safeZone,
  sumRecovery,
  teamFairness,
  type OnCallShift,
} from './metrics/index.js';
import { orgZone } from './org-settings.js';
import { localDate, periodOf } from './period.js';
import {
  alertTimes,
  findHealthPerson,
  findHealthService,
  findHealthTeam,
  peopleNamed,
  type Scope,
  scopeNotifications,
  scopeWeeklyPageEvents,
  serviceNames,
  teamMembers,
  teamScheduleIds,
} from './repository.js';

export const PAGER_LOAD_WEEKS = 12;

interface Resolved {
  scope: Scope;
  name: string;
  zone: string;
  teamId: string | null;
  ackTargets: { primaryMs: number; secondaryMs: number };
}

const MIN = 60_000;
const DEFAULT_TARGETS = { primaryMs: 5 * MIN, secondaryMs: 30 * MIN };

async function resolve(ctx: Ctx, scope: Scope): Promise<Resolved> {
  if (scope.kind === 'org') return { scope, name: 'Organisation', zone: await orgZone(ctx.db), teamId: null, ackTargets: DEFAULT_TARGETS };
  if (scope.kind === 'person') {
    const p = await findHealthPerson(ctx.db, scope.id);
    if (!p) throw notFound('User', scope.id);
    return { scope, name: p.name, zone: safeZone(p.time_zone), teamId: null, ackTargets: DEFAULT_TARGETS };
  }
  const teamId = scope.kind === 'team' ? scope.id : (await findHealthService(ctx.db, scope.id))?.team_id;
  if (!teamId) throw notFound('Service', scope.id);
  const team = await findHealthTeam(ctx.db, teamId);
  if (!team) throw notFound('Team', teamId);
  const name = scope.kind === 'team' ? team.name : (await findHealthService(ctx.db, scope.id))!.name;
  return {
    scope,
    name,
    zone: safeZone(team.time_zone),
    teamId,
    ackTargets: { primaryMs: team.ack_primary_minutes * MIN, secondaryMs: team.ack_secondary_minutes * MIN },
  };
}

const toEvent = (r: Awaited<ReturnType<typeof scopeNotifications>>[number]): NotificationEvent & { level: number } => ({
  at: r.at,
  userId: r.user_id,
  zone: r.time_zone,
  channel: r.channel,
  alertId: r.alert_id,
  serviceId: r.service_id,
  alertKey: r.dedup_key,
  isDrill: r.is_drill,
  level: r.level,
});

/**
 * The health numbers of a team, a service, a person or the organisation for a period
 * (this week by default), every number from the pure metric functions.
 */
export async function getHealth(ctx: Ctx, scope: Scope, query: { from?: string; to?: string }): Promise<HealthReport> {
  requireRole(ctx.actor, 'viewer');
  const r = await resolve(ctx, scope);
  const period = periodOf(ctx, r.zone, query);
  const from = period.from.getTime();
  const to = period.to.getTime();
  const weekStarts = lastWeekStarts(to - 1, r.zone, PAGER_LOAD_WEEKS);

  const rows = await scopeNotifications(ctx.db, scope, period.from, period.to);
  const events = rows.map(toEvent);
  const counted = events.filter((e) => !e.isDrill);
  const interruptions = interruptionsOf(counted);
  const pageEvents = pageEventsOf(counted);
  const drillEvents = events.filter((e) => e.isDrill).map((e) => ({ ...e, isDrill: false }));

  // People: a team's members (zeros too); otherwise whoever was interrupted.
  const members = scope.kind === 'team' ? await teamMembers(ctx.db, scope.id) : [];
  const interruptedIds = [...new Set(interruptions.map((i) => i.userId))];
  const extra = await peopleNamed(ctx.db, interruptedIds.filter((id) => !members.some((m) => m.id === id)));
  const personRow = scope.kind === 'person' ? await findHealthPerson(ctx.db, scope.id) : undefined;
  const people = [...members, ...extra, ...(personRow && !extra.some((p) => p.id === personRow.id) ? [personRow] : [])];
  const loads = personLoads(interruptions, people.map((p) => p.id));

  const [alerts, shifts, recovery] = await Promise.all([
    alertTimes(ctx.db, [...new Set(pageEvents.flatMap((p) => p.alertIds))]),
    onCallShifts(ctx, r, from, to),
    listRecovery(ctx, {
      ...(scope.kind === 'person' ? { userId: scope.id } : r.teamId ? { teamId: r.teamId } : {}),
      from: localDate(from, r.zone),
      to: localDate(to - 1, r.zone),
    }),
  ]);
  const times = responseTimes(alerts.map((a) => ({ triggeredAt: a.created_at, acknowledgedAt: a.acknowledged_at, resolvedAt: a.resolved_at })));
  const ackedAt = new Map(alerts.map((a) => [a.id, a.acknowledged_at]));
  const levelPages = firstPagePerLevel(counted).map((p) => ({ ...p, acknowledgedAt: ackedAt.get(p.alertId) ?? null }));
  const ackSla = ackSlaByLevel(levelPages, r.ackTargets, to);
  const onCall = onCallHours(shifts, from, to);
  const todayLocal = localDate(ctx.clock.now().getTime(), r.zone);
  const recoveryByUser = recoveryDays(
    recovery.filter((x) => scope.kind !== 'person' || x.user.id === scope.id).map((x) => ({ userId: x.user.id, day: x.day, status: x.status, taken: x.taken })),
    todayLocal,
  );

  const noisy = noisiestSources(pageEvents, interruptions, 5);
  const names = await serviceNames(ctx.db, [...new Set(pageEvents.map((p) => p.serviceId).filter((x): x is string => !!x))]);
  const view = (n: NoisySource): NoisySourceView => ({
    serviceId: n.serviceId,
    serviceName: n.serviceId ? names.get(n.serviceId) ?? null : null,
    alertKey: n.alertKey,
    pageEvents: n.pageEvents,
    sleepInterruptions: n.sleepInterruptions,
  });

  const pagerLoad = await weeklyLoad(ctx, scope, weekStarts, to, r.zone);
  const peopleById = new Map(people.map((p) => [p.id, p]));
  const personViews: HealthPerson[] = loads.map((l) => {
    const p = peopleById.get(l.userId);
    const mine = interruptions.filter((i) => i.userId === l.userId);
    return {
      user: { id: l.userId, name: p?.name ?? 'Deleted user', timeZone: p?.time_zone ?? 'UTC' },
      interruptions: l.interruptions,
      total: l.total,
      weighted: l.weighted,
      disruptedHours: l.disruptedHours,
      onCallHours: round(onCall.get(l.userId) ?? { primary: 0, secondary: 0, total: 0 }),
      recovery: recoveryByUser.get(l.userId) ?? { granted: 0, taken: 0, declined: 0, upcoming: 0 },
      heatMap: hourOfWeekHeatMap(mine),
    };
  });
  const perWeek = pageEvents.length / period.weeks;
  const seconds = (p: { count: number; p50: number | null; p90: number | null }) => ({
    count: p.count,
    p50Seconds: p.p50 === null ? null : p.p50 / 1000,
    p90Seconds: p.p90 === null ? null : p.p90 / 1000,
  });
  return {
    scope: { kind: scope.kind, id: scope.id, name: r.name, timeZone: r.zone },
    from: period.from.toISOString(),
    to: period.to.toISOString(),
    weeks: Math.round(period.weeks * 1000) / 1000,
    pageEvents: pageEvents.length,
    pageEventsPerWeek: Math.round(perWeek * 100) / 100,
    band: pagerLoadBand(perWeek),
    interruptions: bucketCounts(interruptions),
    interruptionsTotal: interruptions.length,
    disruptedHours: disruptedHours(interruptions),
    fairness: teamFairness(loads),
    mtta: seconds(times.mtta),
    mttr: seconds(times.mttr),
    unacknowledged: times.unacknowledged,
    unresolved: times.unresolved,
    ackSla: ackSla.map((a) => ({ level: a.level, targetMinutes: a.targetMs / MIN, pages: a.pages, withinTarget: a.withinTarget, share: a.share })),
    noisiest: {
      services: { byPageEvents: noisy.services.byPageEvents.map(view), bySleepInterruptions: noisy.services.bySleepInterruptions.map(view) },
      alertKeys: { byPageEvents: noisy.alertKeys.byPageEvents.map(view), bySleepInterruptions: noisy.alertKeys.bySleepInterruptions.map(view) },
    },
    recovery: sumRecovery(recoveryByUser.values()),
    people: personViews,
    drills: { pageEvents: pageEventsOf(drillEvents).length, interruptions: interruptionsOf(drillEvents).length },
    pagerLoad: pagerLoad.map((w) => ({ weekStart: new Date(w.weekStart).toISOString(), pageEvents: w.pageEvents, band: w.band })),
  };
}

const round = (h: { primary: number; secondary: number; total: number }) => ({
  primary: Math.round(h.primary * 10) / 10,
  secondary: Math.round(h.secondary * 10) / 10,
  total: Math.round(h.total * 10) / 10,
});

/** The first interrupting page of each alert at each escalation level. */
function firstPagePerLevel(events: readonly (NotificationEvent & { level: number })[]) {
  const first = new Map<string, { alertId: string; level: number; pagedAt: number }>();
  for (const e of events) {
    if (!isInterrupting(e.channel)) continue;
    const key = `${e.alertId}\u0000${e.level}`;
    const at = e.at as number;
    const cur = first.get(key);
    if (!cur || at < cur.pagedAt) first.set(key, { alertId: e.alertId, level: e.level, pagedAt: at });
  }
  return [...first.values()];
}

/** Pager load per week: the page-event rollup for teams, services and the org; a person's own notifications otherwise. */
async function weeklyLoad(ctx: Ctx, scope: Scope, weekStarts: number[], to: number, zone: string) {
  const from = new Date(weekStarts[0]!);
  const end = new Date(Math.max(to, weekStarts[weekStarts.length - 1]! + 1));
  if (scope.kind === 'person') {
    const rows = await scopeNotifications(ctx.db, scope, from, end);
    return pagerLoadByWeek(pageEventsOf(rows.map(toEvent)), weekStarts, zone);
  }
  const counts = await scopeWeeklyPageEvents(ctx.db, scope, weekStarts, localTime(weekStarts[weekStarts.length - 1]!, zone).plus({ weeks: 1 }).toMillis());
  return weekStarts.map((weekStart, i) => ({ weekStart, pageEvents: counts[i]!, band: pagerLoadBand(counts[i]!) }));
}

/** On-call shifts (primary level 1, secondary level 2) on the scope's schedules. */
async function onCallShifts(ctx: Ctx, r: Resolved, from: number, to: number): Promise<OnCallShift[]> {
  const ids = await teamScheduleIds(ctx.db, r.teamId);
  if (ids && !ids.length) return [];
  const schedules = await loadSchedules(ctx.db, ids, new Date(from), new Date(to));
  return schedules.flatMap((s) => {
    const { final } = scheduleLines(s.spec, from, to);
    return (['primary', 'secondary'] as Role[]).flatMap((role) =>
      final[role]
        .filter((x) => r.scope.kind !== 'person' || x.userId === r.scope.id)
        .map((x) => ({ userId: x.userId, level: role === 'primary' ? 1 : 2, start: x.start, end: x.end })),
    );
  });
}
