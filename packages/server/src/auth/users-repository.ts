import type { User, WorkingHours } from '@operable/shared';
import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import type { UserRow } from '../db/index.js';

/** A user row with the ids of the teams they belong to (membership is read here, written by catalog). */
export type UserWithTeams = UserRow & { team_ids: string[] };

function selectUsers(db: Db) {
  return db
    .selectFrom('users')
    .selectAll('users')
    .select(
      sql<string[]>`coalesce((select array_agg(tm.team_id::text order by tm.team_id) from team_members tm where tm.user_id = users.id), '{}')`.as(
        'team_ids',
      ),
    );
}

export const findUserById = (db: Db, id: string): Promise<UserWithTeams | undefined> =>
  selectUsers(db).where('users.id', '=', id).executeTakeFirst();

export const findUserByEmail = (db: Db, email: string): Promise<UserWithTeams | undefined> =>
  selectUsers(db).where(sql`lower(users.email)`, '=', email.toLowerCase()).executeTakeFirst();

export const listUserRows = (db: Db): Promise<UserWithTeams[]> => selectUsers(db).orderBy('users.name').execute();

export async function insertUser(
  db: Db,
  row: Omit<UserRow, 'id' | 'working_hours'> & { working_hours: WorkingHours },
): Promise<string> {
  const { id } = await db
    .insertInto('users')
    .values({ ...row, working_hours: JSON.stringify(row.working_hours) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function updateUserRow(
  db: Db,
  id: string,
  patch: Partial<Pick<UserRow, 'name' | 'email' | 'time_zone' | 'role' | 'password_hash'>> & {
    time_zone_source?: 'default' | 'browser' | 'chosen';
    working_hours?: WorkingHours;
    updated_at: Date;
  },
  /** Change the row only while its zone still has this source; false when it no longer had. */
  whileZoneSource?: 'default',
): Promise<boolean> {
  const { working_hours, ...rest } = patch;
  let update = db
    .updateTable('users')
    .set({ ...rest, ...(working_hours ? { working_hours: JSON.stringify(working_hours) } : {}) })
    .where('id', '=', id);
  if (whileZoneSource) update = update.where('time_zone_source', '=', whileZoneSource);
  return (await update.returning('id').executeTakeFirst()) !== undefined;
}

/** Only while the stored hash is still `was`: a password changed meanwhile is never overwritten. */
export async function replacePasswordHash(db: Db, id: string, was: string, hash: string): Promise<boolean> {
  const row = await db.updateTable('users').set({ password_hash: hash }).where('id', '=', id).where('password_hash', '=', was).returning('id').executeTakeFirst();
  return row !== undefined;
}

export async function deleteUserRow(db: Db, id: string): Promise<void> {
  await db.deleteFrom('users').where('id', '=', id).execute();
}

export async function countAdmins(db: Db): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('role', '=', 'admin')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function countUsers(db: Db): Promise<number> {
  const row = await db.selectFrom('users').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function lockUsersForBootstrap(db: Db): Promise<void> {
  await sql`select pg_advisory_xact_lock(7294153002)`.execute(db);
}

export function toUser(row: UserWithTeams): User {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    timeZone: row.time_zone,
    timeZoneSource: row.time_zone_source,
    workingHours: row.working_hours as WorkingHours,
    role: row.role,
    teamIds: row.team_ids ?? [],
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

/** Names of the given people; ids of deleted accounts are simply absent. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (!ids.length) return new Map();
  const rows = await db.selectFrom('users').select(['id', 'name']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** Which of the given ids are accounts that exist. */
export async function existingUserIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  return new Set((await userNames(db, ids)).keys());
}
