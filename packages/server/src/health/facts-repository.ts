import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { INTERRUPTING_CHANNELS } from './metrics/index.js';

/**
 * The drill flag of an alert: linked to a drill incident (its own alerts, and the
 * pages and reminders the incident raised), or sent with `"drill": true` in its
 * details (or a PagerDuty event's custom_details), as an incident's pages are.
 * Change it here only.
 */
const isDrillSql = sql<boolean>`coalesce(
  a.details->>'drill' = 'true' or a.details#>>'{custom_details,drill}' = 'true'
  or exists (select 1 from incident_alerts ia join incidents i on i.id = ia.incident_id where ia.alert_id = a.id and i.drill),
  false)`;

/**
 * Copies the personal notifications delivered in (since, until] into the health facts,
 * then rolls the interrupting ones up into page events. Idempotent: re-reading an
 * overlap inserts nothing twice, and a page event keeps its earliest page.
 */
export async function recordHealthFacts(db: Db, since: Date, until: Date): Promise<number> {
  // A bundle carries several alerts in one message: one fact per alert it told the person about.
  const copied = await sql`
    insert into health_notifications (outbox_id, alert_id, user_id, service_id, team_id, alert_key, channel, at, level, is_drill)
    select o.id, a.id, n.user_id, a.service_id, s.team_id, a.dedup_key, o.channel, o.sent_at, coalesce(n.step_index, 0) + 1, ${isDrillSql}
      from outbox o
      join notifications n on n.id = o.notification_id
      cross join lateral unnest(o.alert_ids) as u(alert_id)
      join alerts a on a.id = u.alert_id
      join services s on s.id = a.service_id
     where o.status = 'sent' and o.sent_at > ${since} and o.sent_at <= ${until}
    on conflict (outbox_id, alert_id, user_id) do nothing`.execute(db);
  // An alert can join a drill incident after it paged, and an incident can be marked a
  // drill (or real) later: facts of the alerts of incidents changed in the period are
  // judged again, so the numbers follow the flag.
  await sql`
    with touched as (
      select distinct ia.alert_id from incident_alerts ia join incidents i on i.id = ia.incident_id
       where ia.linked_at > ${since} and ia.linked_at <= ${until} or i.updated_at > ${since} and i.updated_at <= ${until}
    ), judged as (
      select a.id, ${isDrillSql} as is_drill from alerts a join touched t on t.alert_id = a.id
    ), notes as (
      update health_notifications h set is_drill = j.is_drill from judged j where h.alert_id = j.id and h.is_drill <> j.is_drill
    )
    update health_page_events e set is_drill = j.is_drill from judged j where e.alert_id = j.id and e.is_drill <> j.is_drill`.execute(db);
  await db
    .insertInto('health_page_events')
    .columns(['alert_id', 'team_id', 'service_id', 'dedup_key', 'first_page_at', 'is_drill'])
    .expression(
      db
        .selectFrom('health_notifications as h')
        .select(['h.alert_id', 'h.team_id', 'h.service_id', 'h.alert_key', sql<Date>`min(h.at)`.as('first_page_at'), sql<boolean>`bool_or(h.is_drill)`.as('is_drill')])
        .where('h.at', '>', since)
        .where('h.at', '<=', until)
        .where('h.channel', 'in', [...INTERRUPTING_CHANNELS])
        .groupBy(['h.alert_id', 'h.team_id', 'h.service_id', 'h.alert_key']),
    )
    .onConflict((oc) =>
      oc.column('alert_id').doUpdateSet({ first_page_at: sql`least(health_page_events.first_page_at, excluded.first_page_at)` }),
    )
    .execute();
  return Number(copied.numAffectedRows ?? 0);
}
