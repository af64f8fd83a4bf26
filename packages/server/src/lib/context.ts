import type { Role } from '@operable/shared';
import type { Db } from '../db/index.js';
import type { Clock } from './clock.js';
import type { ScryptCost } from './crypto.js';
import type { Logger } from './logger.js';
import type { OutboundPolicy } from './outbound.js';

/** Who is acting. API keys act for their owner, with the weaker of the two roles. */
export interface Actor {
  kind: 'user' | 'api_key' | 'system';
  userId: string | null;
  role: Role;
  teamIds: string[];
  label: string;
  apiKeyId?: string;
}

export const ANONYMOUS_ACTOR: Actor = { kind: 'system', userId: null, role: 'viewer', teamIds: [], label: 'anonymous' };

export const SYSTEM_ACTOR: Actor = { kind: 'system', userId: null, role: 'admin', teamIds: [], label: 'system' };

/** Run-time settings some verbs need (links, signing, session length). */
export interface Settings {
  publicUrl: string;
  secret: string;
  sessionHours: number;
  signInLimits: { perAccount: number; perAddress: number; windowMinutes: number };
  /** Cost of new password hashes; weaker stored hashes are upgraded at sign-in. */
  passwordCost: ScryptCost;
  /** Which hosts user-given URLs (webhooks, Slack, Teams) may reach: checked when saved and again when sent. */
  outbound: OutboundPolicy;
  /** Slack Web API for incident channels; absent when no bot token is configured. */
  slack?: { botToken: string; apiUrl: string };
}

/** What every verb receives: `verb(ctx, input)`. `db` is the open transaction. */
export interface Ctx {
  actor: Actor;
  db: Db;
  clock: Clock;
  log: Logger;
  requestId: string;
  settings: Settings;
}
