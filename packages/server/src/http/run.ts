import type { Context } from 'hono';
import { inTransaction } from '../db/index.js';
import type { Ctx } from '../lib/context.js';
import type { AppDeps, AppEnv } from './types.js';

/** Builds the verb's ctx from the request and runs it in one transaction (audit row included). */
export function runVerb<T>(c: Context<AppEnv>, deps: AppDeps, verb: (ctx: Ctx) => Promise<T>): Promise<T> {
  return inTransaction(deps.database.db, (db) => verb({ ...baseCtx(c, deps), db }));
}

/** For verbs that manage their own transactions (sign-in must keep a failed attempt). */
export function runVerbUntransacted<T>(c: Context<AppEnv>, deps: AppDeps, verb: (ctx: Ctx) => Promise<T>): Promise<T> {
  return verb({ ...baseCtx(c, deps), db: deps.database.db });
}

function baseCtx(c: Context<AppEnv>, deps: AppDeps): Omit<Ctx, 'db'> {
  return { actor: c.get('actor'), clock: deps.clock, log: c.get('log'), requestId: c.get('requestId'), settings: deps.settings };
}
