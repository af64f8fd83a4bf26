import { CreateUser, DEFAULT_WORKING_HOURS, UpdateProfile, UpdateUser, type User } from '@operable/shared';
import type { z } from 'zod';
import { recordAudit } from '../audit/index.js';
import { requireRole, requireSignedIn } from '../lib/authorize.js';
import type { Ctx } from '../lib/context.js';
import { hashPassword } from '../lib/crypto.js';
import { conflict, DomainError, notFound } from '../lib/errors.js';
import { ErrorCode } from '@operable/shared';
import {
  countAdmins,
  deleteUserRow,
  findUserByEmail,
  findUserById,
  insertUser,
  listUserRows,
  toUser,
  updateUserRow,
} from './users-repository.js';

export async function listUsers(ctx: Ctx): Promise<User[]> {
  requireRole(ctx.actor, 'viewer');
  return (await listUserRows(ctx.db)).map(toUser);
}

export async function getUser(ctx: Ctx, id: string): Promise<User> {
  requireRole(ctx.actor, 'viewer');
  const row = await findUserById(ctx.db, id);
  if (!row) throw notFound('User', id);
  return toUser(row);
}

export async function createUser(ctx: Ctx, input: z.output<typeof CreateUser>): Promise<User> {
  requireRole(ctx.actor, 'admin');
  if (await findUserByEmail(ctx.db, input.email)) throw emailTaken(input.email);
  const now = ctx.clock.now();
  const id = await insertUser(ctx.db, {
    name: input.name,
    email: input.email,
    time_zone: input.timeZone ?? 'UTC',
    time_zone_source: input.timeZone ? 'chosen' : 'default',
    working_hours: input.workingHours ?? DEFAULT_WORKING_HOURS,
    role: input.role,
    password_hash: input.password ? await hashPassword(input.password, ctx.settings.passwordCost) : null,
    created_at: now,
    updated_at: now,
  });
  const user = await getUser(ctx, id);
  await recordAudit(ctx, { action: 'user.create', entityType: 'user', entityId: id, after: user });
  return user;
}

export async function updateUser(ctx: Ctx, id: string, patch: z.output<typeof UpdateUser>): Promise<User> {
  requireRole(ctx.actor, 'admin');
  const before = await getUser(ctx, id);
  if (patch.email && patch.email !== before.email && (await findUserByEmail(ctx.db, patch.email))) {
    throw emailTaken(patch.email);
  }
  if (patch.role && patch.role !== 'admin' && before.role === 'admin' && (await countAdmins(ctx.db)) <= 1) {
    throw conflict('The last admin cannot be demoted; make someone else admin first');
  }
  await updateUserRow(ctx.db, id, {
    name: patch.name,
    email: patch.email,
    time_zone: patch.timeZone,
    time_zone_source: patch.timeZone ? 'chosen' : undefined,
    working_hours: patch.workingHours,
    role: patch.role,
    updated_at: ctx.clock.now(),
  });
  const after = await getUser(ctx, id);
  await recordAudit(ctx, { action: 'user.update', entityType: 'user', entityId: id, before, after });
  return after;
}

/** What people may change about themselves, whatever their role. */
export async function updateProfile(ctx: Ctx, patch: z.output<typeof UpdateProfile>): Promise<User> {
  requireSignedIn(ctx.actor);
  const id = ctx.actor.userId;
  const before = await getUser(ctx, id);
  // The browser's zone only fills in a default: a zone someone chose (here or on
  // another device, even a moment ago) is never overwritten by the next device to sign in.
  const fromBrowser = patch.timeZoneFromBrowser === true && patch.timeZone !== undefined;
  const changed = await updateUserRow(
    ctx.db,
    id,
    {
      name: patch.name,
      time_zone: patch.timeZone,
      time_zone_source: patch.timeZone ? (fromBrowser ? 'browser' : 'chosen') : undefined,
      working_hours: patch.workingHours,
      updated_at: ctx.clock.now(),
    },
    fromBrowser ? 'default' : undefined,
  );
  if (!changed) return before;
  const after = await getUser(ctx, id);
  await recordAudit(ctx, { action: 'user.update_profile', entityType: 'user', entityId: id, before, after });
  return after;
}

export async function deleteUser(ctx: Ctx, id: string): Promise<void> {
  requireRole(ctx.actor, 'admin');
  const before = await getUser(ctx, id);
  if (id === ctx.actor.userId) throw conflict('You cannot delete your own account');
  if (before.role === 'admin' && (await countAdmins(ctx.db)) <= 1) throw conflict('The last admin cannot be deleted');
  await deleteUserRow(ctx.db, id);
  await recordAudit(ctx, { action: 'user.delete', entityType: 'user', entityId: id, before });
}

const emailTaken = (email: string) =>
  new DomainError(ErrorCode.Conflict, `A user with email ${email} already exists`, {
    fields: [{ field: 'email', message: 'Already in use' }],
  });
