import type { Db } from '../db/index.js';
import type { Actor } from '../lib/context.js';
import { sha256 } from '../lib/crypto.js';
import { actorForApiKey, actorForUser } from './actor.js';
import { findApiKeyByHash, findSession, markApiKeyUsed, touchSession } from './repository.js';
import { findUserById, type UserWithTeams } from './users-repository.js';

/** Writing last-seen on every request would make each read a write; once a minute is enough. */
const TOUCH_EVERY_MS = 60_000;

export interface SessionAuth {
  actor: Actor;
  user: UserWithTeams;
  csrfToken: string;
}

export async function authenticateSession(db: Db, token: string, now: Date, sessionHours: number): Promise<SessionAuth | null> {
  const session = await findSession(db, sha256(token));
  if (!session || session.expires_at <= now) return null;
  const user = await findUserById(db, session.user_id);
  if (!user) return null;
  if (now.getTime() - session.last_seen_at.getTime() > TOUCH_EVERY_MS) {
    await touchSession(db, session.id, now, new Date(now.getTime() + sessionHours * 3_600_000));
  }
  return { actor: actorForUser(user), user, csrfToken: session.csrf_token };
}

export async function authenticateApiKey(db: Db, token: string, now: Date): Promise<Actor | null> {
  const key = await findApiKeyByHash(db, sha256(token));
  if (!key || key.revoked_at) return null;
  const owner = await findUserById(db, key.owner_id);
  if (!owner) return null;
  if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() > TOUCH_EVERY_MS) {
    await markApiKeyUsed(db, key.id, now);
  }
  return actorForApiKey(key, owner);
}
