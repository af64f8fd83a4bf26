import { ErrorCode } from '@operable/shared';
import type { Context } from 'hono';
import { errorBody, logUnavailable } from './errors.js';
import { jsonDepth, makeStorable, mayHoldUnstorable, MAX_JSON_DEPTH } from '../lib/json-safety.js';
import { findIntegrationByKey, GroupCommitter, ingestBatch, type RateLimiter } from '../ingest/index.js';
import { encodeAhead, type AlertEvent } from '../alerts/index.js';
import { isDatabaseUnavailable, type DatabaseUnavailableError, type IntegrationRow } from '../db/index.js';
import { ANONYMOUS_ACTOR, type Ctx } from '../lib/context.js';
import type { AppDeps, AppEnv } from './types.js';

/** PagerDuty's limit; the same for every sender format. */
export const INGEST_BODY_LIMIT = 512 * 1024;

/** A body over the limit, answered in the shape the sender at this path understands. */
export function tooLargeForSender(c: Context<AppEnv>) {
  const message = `Body larger than ${INGEST_BODY_LIMIT} bytes`;
  if (c.req.path.startsWith('/v2/alerts')) return c.json({ message, took: 0, requestId: c.get('requestId') }, 413);
  if (c.req.path.startsWith('/v2/')) return c.json({ status: 'invalid event', message: 'Request body is too large', errors: [message] }, 413);
  return c.json(errorBody(ErrorCode.PayloadTooLarge, message), 413);
}

export const isSenderPath = (path: string) => path.startsWith('/v2/') || path.startsWith('/ingest/');

/**
 * The database is out of reach: 503 with Retry-After, which every sender retries
 * (a 500 reads as our bug, a 4xx makes them drop the event), in the shape the
 * sender at this path understands.
 */
export function unavailableForSender(c: Context<AppEnv>, error: DatabaseUnavailableError) {
  logUnavailable(error, c);
  const retryAfter = Number(error.details?.retryAfterSeconds);
  c.header('Retry-After', String(retryAfter));
  const message = 'Operable cannot reach its database; retry later';
  if (c.req.path.startsWith('/v2/alerts')) return c.json({ message, took: 0, requestId: c.get('requestId') }, 503);
  if (c.req.path.startsWith('/v2/')) return c.json({ status: 'unavailable', message, errors: ['database unavailable'] }, 503);
  return c.json(errorBody(ErrorCode.Unavailable, message, { retryAfterSeconds: retryAfter }), 503);
}

export type BodyResult = { ok: true; body: unknown } | { ok: false; reason: 'too_large' | 'invalid_json'; message: string };

/**
 * Senders differ in content types (curl defaults to a form type), so the body is
 * read as JSON whatever the header says, within the size limit.
 */
export async function readJsonBody(c: Context<AppEnv>): Promise<BodyResult> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > INGEST_BODY_LIMIT) return { ok: false, reason: 'too_large', message: `Body larger than ${INGEST_BODY_LIMIT} bytes` };
  const buffer = await c.req.arrayBuffer();
  if (buffer.byteLength > INGEST_BODY_LIMIT) return { ok: false, reason: 'too_large', message: `Body larger than ${INGEST_BODY_LIMIT} bytes` };
  const text = new TextDecoder().decode(buffer);
  if (jsonDepth(text) > MAX_JSON_DEPTH) return { ok: false, reason: 'invalid_json', message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels` };
  try {
    // A NUL or a broken surrogate in one field must not cost the sender its alert: replaced, kept.
    const body: unknown = JSON.parse(text);
    return { ok: true, body: mayHoldUnstorable(text) ? makeStorable(body) : body };
  } catch (error) {
    return { ok: false, reason: 'invalid_json', message: (error as Error).message };
  }
}

/**
 * Integration keys are looked up on every event; on the embedded database that
 * query would queue behind each ingest transaction. A short in-process cache
 * (real time, not the injected clock: it is plumbing, not domain time) removes it.
 * A deleted or changed integration takes effect within INTEGRATION_CACHE_MS.
 */
export const INTEGRATION_CACHE_MS = 2000;
const integrationCache = new WeakMap<AppDeps, Map<string, { row: IntegrationRow | null; until: number }>>();

export async function lookupIntegration(deps: AppDeps, key: string | undefined, kinds: IntegrationRow['kind'][]): Promise<IntegrationRow | null> {
  if (!key || !/^[0-9a-zA-Z]{32}$/.test(key)) return null;
  const cache = integrationCache.get(deps) ?? new Map();
  integrationCache.set(deps, cache);
  let hit = cache.get(key);
  if (!hit || hit.until < Date.now()) {
    hit = { row: (await findIntegrationByKey(deps.database.db, key)) ?? null, until: Date.now() + INTEGRATION_CACHE_MS };
    if (cache.size > 10_000) cache.clear();
    cache.set(key, hit);
  }
  return hit.row && kinds.includes(hit.row.kind) ? hit.row : null;
}

export function rateLimited(limiter: RateLimiter, integration: IntegrationRow, events: number, now: Date): number | null {
  let retry: number | null = null;
  for (let i = 0; i < Math.max(1, events) && retry === null; i++) retry = limiter.take(integration.id, integration.rate_limit_per_minute, now);
  return retry;
}

export interface IngestItem {
  integration: IntegrationRow;
  events: AlertEvent[];
  requestId: string;
  log: Ctx['log'];
}
export type IngestQueue = GroupCommitter<IngestItem, string[]>;

/**
 * Alert events from every sender go through one group-commit queue per process:
 * a 2xx still means "committed", but under load many senders share a commit.
 */
export function createIngestQueue(deps: AppDeps): IngestQueue {
  return new GroupCommitter<IngestItem, string[]>(
    (items) => {
      const first = items[0]!;
      const ctx: Ctx = { actor: ANONYMOUS_ACTOR, db: deps.database.db, clock: deps.clock, log: first.log, requestId: first.requestId, settings: deps.settings };
      return ingestBatch(ctx, items);
    },
    // Weighed in events: 256 bodies of 100 alerts could make one statement of 25,600 rows.
    { maxBatch: 1000, weight: (item) => Math.max(1, item.events.length), concurrency: 1, failsAll: isDatabaseUnavailable },
  );
}

export function enqueueIngest(c: Context<AppEnv>, queue: IngestQueue, integration: IntegrationRow, events: AlertEvent[]): Promise<string[]> {
  encodeAhead(events);
  return queue.submit({ integration, events, requestId: c.get('requestId'), log: c.get('log') });
}

/**
 * Senders' SDKs add a trailing slash (Opsgenie's own Node SDK posts to `/v2/alerts/`
 * and `…/close/`); the tools they replace accept it, so every sender route does.
 * Only sender routes: the API and the web app keep exact paths.
 */
export function senderPath(path: string): string {
  return path.endsWith('/') && isSenderPath(path) ? path.replace(/\/+$/, '') : path;
}

