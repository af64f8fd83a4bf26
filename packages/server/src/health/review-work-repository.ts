import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { ActionFacts, PostmortemFacts, WellbeingAnswer } from './review/work.js';

/**
 * What the weekly review reads from the incidents and post-mortems tables (read only,
 * as post-mortems read the incident tables): a team's rows, or everyone's for the
 * organisation (`teamId` null). Drills' check-ins are left out like their pages.
 */

const epoch = (column: string) => sql<number>`(extract(epoch from ${sql.ref(column)}) * 1000)::float8`;

export async function wellbeingAnswers(db: Db, teamId: string | null, from: Date, to: Date): Promise<WellbeingAnswer[]> {
  let q = db
    .selectFrom('wellbeing_checkins as w')
    .innerJoin('incidents as i', 'i.id', 'w.incident_id')
    .select([epoch('w.answered_at').as('at'), 'w.stress', 'w.sleep_lost_minutes'])
    .where('w.answered_at', '>=', from)
    .where('w.answered_at', '<', to)
    .where('w.stress', 'is not', null)
    .where('i.drill', '=', false);
  if (teamId) q = q.where('w.team_id', '=', teamId);
  return (await q.execute()).map((r) => ({ at: Number(r.at), stress: r.stress!, sleepLostMinutes: r.sleep_lost_minutes ?? 0 }));
}

/** Post-mortems made before `to` whose meeting was not held before `since`. */
export async function postmortemsBetween(db: Db, teamId: string | null, since: Date, to: Date): Promise<PostmortemFacts[]> {
  let q = db
    .selectFrom('postmortems as p')
    .innerJoin('incidents as i', 'i.id', 'p.incident_id')
    .select(['p.id', 'p.title', 'i.number', 'p.state', epoch('p.created_at').as('created_at'), epoch('p.meeting_due_at').as('meeting_due_at'), epoch('p.meeting_held_at').as('meeting_held_at')])
    .where('p.created_at', '<', to)
    .where((eb) => eb.or([eb('p.meeting_held_at', 'is', null), eb('p.meeting_held_at', '>=', since)]));
  if (teamId) q = q.where('p.team_id', '=', teamId);
  return (await q.execute()).map((r) => ({
    id: r.id,
    title: r.title,
    incidentNumber: Number(r.number),
    state: r.state as PostmortemFacts['state'],
    createdAt: Number(r.created_at),
    meetingDueAt: Number(r.meeting_due_at),
    meetingHeldAt: r.meeting_held_at === null ? null : Number(r.meeting_held_at),
  }));
}

/**
 * Post-mortem action items and team action items made before `to` and not closed
 * before `since`. Won't-do and dropped items close at their last change.
 */
export async function actionItemsBetween(db: Db, teamId: string | null, since: Date, to: Date): Promise<ActionFacts[]> {
  let pm = db
    .selectFrom('postmortem_action_items as a')
    .innerJoin('postmortems as p', 'p.id', 'a.postmortem_id')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .select([
      'a.title',
      'p.title as from',
      'u.name as owner',
      'a.due_on',
      'a.status',
      epoch('a.created_at').as('created_at'),
      sql<number | null>`case when a.status = 'done' then (extract(epoch from coalesce(a.done_at, a.updated_at)) * 1000)::float8 when a.status = 'wont_do' then (extract(epoch from a.updated_at) * 1000)::float8 end`.as('closed_at'),
    ])
    .where('a.created_at', '<', to)
    .where((eb) => eb.or([eb('a.status', 'in', ['open', 'in_progress']), eb('a.updated_at', '>=', since), eb('a.done_at', '>=', since)]));
  if (teamId) pm = pm.where('p.team_id', '=', teamId);
  let team = db
    .selectFrom('health_action_items as a')
    .leftJoin('users as u', 'u.id', 'a.owner_id')
    .select(['a.title', 'u.name as owner', 'a.status', epoch('a.created_at').as('created_at'), epoch('a.updated_at').as('updated_at')])
    .where('a.created_at', '<', to)
    .where((eb) => eb.or([eb('a.status', '=', 'open'), eb('a.updated_at', '>=', since)]));
  if (teamId) team = team.where('a.team_id', '=', teamId);
  const [pmRows, teamRows] = await Promise.all([pm.execute(), team.execute()]);
  return [
    ...pmRows.map((r) => ({ title: r.title, from: r.from, owner: r.owner, dueOn: r.due_on, createdAt: Number(r.created_at), closedAt: r.closed_at === null ? null : Number(r.closed_at), done: r.status === 'done' })),
    ...teamRows.map((r) => ({ title: r.title, from: 'Team action list', owner: r.owner, dueOn: null, createdAt: Number(r.created_at), closedAt: r.status === 'open' ? null : Number(r.updated_at), done: r.status === 'done' })),
  ];
}
