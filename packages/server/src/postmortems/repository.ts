import { sql, type Insertable, type Selectable } from 'kysely';
import type { Db } from '../db/index.js';
import type { PostmortemsTable, PostmortemTimelineTable } from '../db/index.js';
import type { DeadlinePolicies } from './deadlines.js';

/** SQL of the post-mortem itself: the row, its sections and revisions, its timeline, settings. */

export type PostmortemRow = Selectable<PostmortemsTable>;
export type SectionRow = { key: string; position: number; markdown: string; revision: number; updated_at: Date; updated_by: string | null };
export type TimelineRow = Selectable<PostmortemTimelineTable>;

const SEVERITY_NAMES = ['SEV1', 'SEV2', 'SEV3', 'SEV4'] as const;

export async function loadDeadlinePolicies(db: Db): Promise<DeadlinePolicies> {
  const rows = await db.selectFrom('postmortem_deadline_policies').selectAll().orderBy('severity').execute();
  const out = {} as DeadlinePolicies;
  for (const r of rows) out[SEVERITY_NAMES[r.severity - 1]!] = { interviewsHours: r.interviews_hours, meetingHours: r.meeting_hours };
  return out;
}

export async function saveDeadlinePolicies(db: Db, policies: DeadlinePolicies, by: string | null, now: Date): Promise<void> {
  for (const [i, name] of SEVERITY_NAMES.entries()) {
    const p = policies[name];
    await db
      .updateTable('postmortem_deadline_policies')
      .set({ interviews_hours: p.interviewsHours, meeting_hours: p.meetingHours, updated_at: now, updated_by: by })
      .where('severity', '=', i + 1)
      .execute();
  }
}

/** Inserts the post-mortem unless its incident has one already (two engines, or a person and an engine): undefined then. */
export async function insertPostmortem(
  db: Db,
  row: Insertable<PostmortemsTable>,
  sections: { key: string; markdown: string }[],
  timeline: Omit<Insertable<PostmortemTimelineTable>, 'postmortem_id'>[],
  author: { id: string | null; label: string },
): Promise<string | undefined> {
  const inserted = await db.insertInto('postmortems').values(row).onConflict((oc) => oc.column('incident_id').doNothing()).returning('id').executeTakeFirst();
  if (!inserted) return undefined;
  const id = inserted.id;
  const now = row.created_at;
  await db
    .insertInto('postmortem_sections')
    .values(sections.map((s, position) => ({ postmortem_id: id, key: s.key, position, markdown: s.markdown, revision: 1, updated_at: now, updated_by: author.id })))
    .execute();
  await db
    .insertInto('postmortem_revisions')
    .values(sections.map((s) => ({ postmortem_id: id, section_key: s.key, revision: 1, markdown: s.markdown, author_id: author.id, author_label: author.label, created_at: now })))
    .execute();
  if (timeline.length) await db.insertInto('postmortem_timeline').values(timeline.map((t) => ({ ...t, postmortem_id: id }))).execute();
  await refreshSearchText(db, id);
  return id;
}

export async function findPostmortemRow(db: Db, id: string, lock = false): Promise<PostmortemRow | undefined> {
  let q = db.selectFrom('postmortems').selectAll().where('id', '=', id);
  if (lock) q = q.forUpdate();
  return q.executeTakeFirst();
}

export async function updatePostmortemRow(db: Db, id: string, changes: Partial<Omit<Insertable<PostmortemsTable>, 'search_vector'>>): Promise<void> {
  await db.updateTable('postmortems').set(changes).where('id', '=', id).execute();
  if ('title' in changes || 'tags' in changes || 'meeting_notes' in changes) await refreshSearchText(db, id);
}

/** Moves the state only from the expected one, so two people changing it at once cannot both win. */
export async function moveState(db: Db, id: string, from: string, to: PostmortemsTable['state']['__update__'], now: Date): Promise<boolean> {
  const r = await db.updateTable('postmortems').set({ state: to, updated_at: now }).where('id', '=', id).where('state', '=', from as never).executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/**
 * Keeps the full-text column current: title, tags, services, every section and
 * the meeting notes. One statement, so it reads the sections as this transaction sees them.
 */
export async function refreshSearchText(db: Db, id: string): Promise<void> {
  await sql`
    update postmortems p set search_text = concat_ws(E'\n', p.title, array_to_string(p.tags, ' '), array_to_string(p.service_names, ' '), p.meeting_notes,
      (select string_agg(s.markdown, E'\n' order by s.position) from postmortem_sections s where s.postmortem_id = p.id))
    where p.id = ${id}`.execute(db);
}

export async function findSections(db: Db, id: string): Promise<SectionRow[]> {
  return db.selectFrom('postmortem_sections').select(['key', 'position', 'markdown', 'revision', 'updated_at', 'updated_by']).where('postmortem_id', '=', id).orderBy('position').execute();
}

/**
 * Saves a section if nobody saved it since `baseRevision`; returns the new revision,
 * or null on a conflict. The revision row is the history.
 */
export async function saveSectionRow(db: Db, id: string, key: string, markdown: string, baseRevision: number, author: { id: string | null; label: string }, now: Date): Promise<number | null> {
  const updated = await db
    .updateTable('postmortem_sections')
    .set({ markdown, revision: baseRevision + 1, updated_at: now, updated_by: author.id })
    .where('postmortem_id', '=', id)
    .where('key', '=', key)
    .where('revision', '=', baseRevision)
    .returning('revision')
    .executeTakeFirst();
  if (!updated) return null;
  await db
    .insertInto('postmortem_revisions')
    .values({ postmortem_id: id, section_key: key, revision: updated.revision, markdown, author_id: author.id, author_label: author.label, created_at: now })
    .execute();
  await db.updateTable('postmortems').set({ updated_at: now }).where('id', '=', id).execute();
  await refreshSearchText(db, id);
  return updated.revision;
}

export async function findRevisions(db: Db, id: string, key: string) {
  return db
    .selectFrom('postmortem_revisions')
    .select(['revision', 'markdown', 'author_id', 'author_label', 'created_at'])
    .where('postmortem_id', '=', id)
    .where('section_key', '=', key)
    .orderBy('revision', 'desc')
    .limit(200)
    .execute();
}

export async function findTimeline(db: Db, id: string): Promise<TimelineRow[]> {
  return db.selectFrom('postmortem_timeline').selectAll().where('postmortem_id', '=', id).orderBy('position').execute();
}

export async function setTimelineNoteRow(db: Db, id: string, entryId: string, note: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('postmortem_timeline')
    .set({ note, note_updated_at: now })
    .where('postmortem_id', '=', id)
    .where('id', '=', Number(entryId))
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export interface ListFilter {
  q?: string;
  serviceId?: string;
  severity?: number;
  tag?: string;
  state?: string;
  from?: Date;
  to?: Date;
  ids?: string[];
  limit: number;
}

/** The library: filters, and full text ranked by relevance when `q` is given (newest first otherwise). */
export async function searchPostmortems(db: Db, f: ListFilter): Promise<(PostmortemRow & { snippet: string | null })[]> {
  let q = db.selectFrom('postmortems as p').selectAll('p');
  const query = f.q?.trim() ? sql`websearch_to_tsquery('english', ${f.q.trim()})` : null;
  if (query) {
    q = q
      .select(sql<string>`ts_headline('english', p.search_text, ${query}, 'StartSel='''', StopSel='''', MaxWords=30, MinWords=10, MaxFragments=1')`.as('snippet'))
      .where(sql<boolean>`p.search_vector @@ ${query}`);
  } else {
    q = q.select(sql<null>`null`.as('snippet'));
  }
  if (f.serviceId) q = q.where(sql<boolean>`${f.serviceId}::uuid = any(p.service_ids)`);
  if (f.severity) q = q.where('p.severity', '=', f.severity);
  if (f.tag) q = q.where(sql<boolean>`${f.tag} = any(p.tags)`);
  if (f.state) q = q.where('p.state', '=', f.state as never);
  if (f.from) q = q.where('p.incident_resolved_at', '>=', f.from);
  if (f.to) q = q.where('p.incident_resolved_at', '<', f.to);
  if (f.ids) q = f.ids.length ? q.where('p.id', 'in', f.ids) : q.where(sql<boolean>`false`);
  if (query) q = q.orderBy(sql`ts_rank(p.search_vector, ${query})`, 'desc');
  return q.orderBy('p.incident_resolved_at', 'desc').orderBy('p.id').limit(f.limit).execute() as never;
}

/** Post-mortems not closed, for the reminder scan. */
export async function openPostmortemIds(db: Db, limit: number, after: string | null): Promise<string[]> {
  let q = db.selectFrom('postmortems').select('id').where('state', '<>', 'closed').orderBy('id').limit(limit);
  if (after) q = q.where('id', '>', after);
  return (await q.execute()).map((r) => r.id);
}

/** Claims a reminder key for a post-mortem; false when it was sent already (by this or another engine). */
export async function claimReminder(db: Db, id: string, key: string, now: Date): Promise<boolean> {
  const r = await db.insertInto('postmortem_reminders').values({ postmortem_id: id, key, sent_at: now }).onConflict((oc) => oc.doNothing()).returning('key').executeTakeFirst();
  return r !== undefined;
}
