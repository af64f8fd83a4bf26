import type { Db } from '../db/index.js';
import type { ReplayFacts } from './report.js';
import * as repo from './repository.js';

const PAGE_KINDS = new Set(['alert', 'bundle']);

/** Reads what a finished replay left in its scratch database, as the report's plain data. */
export async function readFacts(db: Db, period: { from: Date; until: Date }): Promise<ReplayFacts> {
  const [messages, alerts, grants, rows, teams, services] = await Promise.all([
    repo.sentMessages(db),
    repo.replayAlerts(db),
    repo.recoveryGrants(db),
    repo.people(db),
    repo.teams(db),
    repo.services(db),
  ]);
  const people = new Map<string, ReplayFacts['people'][number]>();
  for (const r of rows) {
    const p = people.get(r.id) ?? { id: r.id, name: r.name, email: r.email, zone: r.time_zone, teamIds: [] };
    if (r.team_id) p.teamIds.push(r.team_id);
    people.set(r.id, p);
  }
  return {
    ...period,
    people: [...people.values()],
    teams,
    services: new Map(services.map((s) => [s.id, { name: s.name, teamId: s.team_id }])),
    messages: messages
      .filter((m) => PAGE_KINDS.has(m.kind) && m.user_id && m.alert_id && m.sent_at)
      .map((m) => ({ at: new Date(m.sent_at!), userId: m.user_id!, channel: m.channel, alertId: m.alert_id!, serviceId: m.service_id!, alertKey: m.dedup_key! })),
    alerts: alerts.map((a) => ({
      id: a.id,
      serviceId: a.service_id,
      key: a.dedup_key,
      summary: a.summary,
      urgency: a.urgency,
      at: new Date(a.created_at),
      acknowledgedAt: a.acknowledged_at ? new Date(a.acknowledged_at) : null,
      resolvedAt: a.resolved_at ? new Date(a.resolved_at) : null,
      grouped: a.group_leader_id !== null,
      suppressed: a.suppressed_by !== null,
      reached: a.reached,
    })),
    recoveryDays: grants.filter((g) => g.status === 'granted').map((g) => ({ userId: g.user_id, day: g.day })),
  };
}
