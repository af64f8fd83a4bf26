import {
  bucketCounts,
  interruptionsOf,
  lastWeekStarts,
  noisiestSources,
  pageEventsOf,
  pagerLoadByWeek,
  personLoads,
  responseTimes,
  teamFairness,
  type BucketCounts,
  type NotificationEvent,
  type Percentiles,
  type WeekLoad,
} from '../health/index.js';

/** What a replay produced, as plain data (read from its scratch database). */
export interface ReplayFacts {
  from: Date;
  until: Date;
  people: { id: string; name: string; email: string; zone: string; teamIds: string[] }[];
  teams: { id: string; name: string }[];
  services: Map<string, { name: string; teamId: string | null }>;
  /** Messages that reached a channel: one per person per contact method. */
  messages: { at: Date; userId: string; channel: string; alertId: string; serviceId: string; alertKey: string }[];
  alerts: { id: string; serviceId: string; key: string; summary: string; urgency: 'high' | 'low'; at: Date; acknowledgedAt: Date | null; resolvedAt: Date | null; grouped: boolean; suppressed: boolean; reached: boolean }[];
  recoveryDays: { userId: string; day: string }[];
}

export interface PersonReport {
  name: string;
  email: string;
  zone: string;
  teams: string[];
  interruptions: BucketCounts;
  total: number;
  disruptedHours: number;
  pageEvents: number;
  recoveryDays: number;
}

export interface TeamReport {
  name: string;
  weeks: WeekLoad[];
  interruptions: BucketCounts;
  gini: number;
  uneven: boolean;
}

export interface ReplayReport {
  from: string;
  until: string;
  alerts: { opened: number; paged: number; grouped: number; suppressed: number };
  people: PersonReport[];
  teams: TeamReport[];
  mtta: Percentiles;
  noisiest: { service: string; key: string | null; pageEvents: number; sleepInterruptions: number }[];
  /** High-urgency alerts that led their group, were not in maintenance, and reached nobody. */
  missedPages: { service: string; key: string; summary: string; at: string }[];
}

const mostCommon = (values: string[]) => {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? 'UTC';
};

/** The humans' numbers of one replay, by the health definitions (health/metrics). */
export function buildReport(f: ReplayFacts): ReplayReport {
  const person = new Map(f.people.map((p) => [p.id, p]));
  const events: NotificationEvent[] = f.messages.map((m) => ({
    at: m.at,
    userId: m.userId,
    zone: person.get(m.userId)?.zone ?? 'UTC',
    channel: m.channel,
    alertId: m.alertId,
    serviceId: m.serviceId,
    alertKey: m.alertKey,
  }));
  const interruptions = interruptionsOf(events);
  const pageEvents = pageEventsOf(events);
  const loads = new Map(personLoads(interruptions, f.people.map((p) => p.id)).map((l) => [l.userId, l]));
  const teamName = new Map(f.teams.map((t) => [t.id, t.name]));
  const recovery = new Map<string, number>();
  for (const r of f.recoveryDays) recovery.set(r.userId, (recovery.get(r.userId) ?? 0) + 1);

  const people = f.people
    .map((p): PersonReport => {
      const l = loads.get(p.id)!;
      return {
        name: p.name,
        email: p.email,
        zone: p.zone,
        teams: p.teamIds.map((t) => teamName.get(t) ?? t),
        interruptions: l.interruptions,
        total: l.total,
        disruptedHours: l.disruptedHours,
        pageEvents: pageEvents.filter((pe) => pe.userIds.includes(p.id)).length,
        recoveryDays: recovery.get(p.id) ?? 0,
      };
    })
    .sort((a, b) => b.total - a.total || a.name.localeCompare(b.name));

  const teams = f.teams.map((t): TeamReport => {
    const members = f.people.filter((p) => p.teamIds.includes(t.id));
    const zone = mostCommon(members.map((m) => m.zone));
    const count = Math.max(1, Math.ceil((f.until.getTime() - f.from.getTime()) / (7 * 86_400_000)) + 1);
    const weekStarts = lastWeekStarts(f.until.getTime(), zone, count).filter((w) => w + 7 * 86_400_000 > f.from.getTime());
    const ids = new Set(members.map((m) => m.id));
    // Pager load is the page events of the team's own services, whoever they reached.
    const own = pageEvents.filter((pe) => pe.serviceId && f.services.get(pe.serviceId)?.teamId === t.id);
    const memberLoads = members.map((m) => loads.get(m.id)!);
    const fairness = teamFairness(memberLoads);
    return {
      name: t.name,
      weeks: pagerLoadByWeek(own, weekStarts, zone),
      interruptions: bucketCounts(interruptions.filter((i) => ids.has(i.userId))),
      gini: fairness.gini,
      uneven: fairness.uneven,
    };
  });

  const leaders = f.alerts.filter((a) => !a.grouped);
  const noisy = noisiestSources(pageEvents, interruptions, 5);
  return {
    from: f.from.toISOString(),
    until: f.until.toISOString(),
    alerts: {
      opened: f.alerts.length,
      paged: new Set(f.messages.map((m) => m.alertId)).size,
      grouped: f.alerts.filter((a) => a.grouped).length,
      suppressed: f.alerts.filter((a) => a.suppressed).length,
    },
    people,
    teams,
    mtta: responseTimes(leaders.filter((a) => a.reached).map((a) => ({ triggeredAt: a.at, acknowledgedAt: a.acknowledgedAt, resolvedAt: a.resolvedAt }))).mtta,
    noisiest: noisy.alertKeys.byPageEvents.map((n) => ({ service: f.services.get(n.serviceId ?? '')?.name ?? '', key: n.alertKey, pageEvents: n.pageEvents, sleepInterruptions: n.sleepInterruptions })),
    missedPages: leaders
      .filter((a) => a.urgency === 'high' && !a.suppressed && !a.reached)
      .map((a) => ({ service: f.services.get(a.serviceId)?.name ?? '', key: a.key, summary: a.summary, at: a.at.toISOString() })),
  };
}
