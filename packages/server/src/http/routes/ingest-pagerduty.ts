import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import {
  fromPagerDuty,
  fromPagerDutyChange,
  ingestChange,
  PagerDutyChangeSchema,
  PagerDutyEventSchema,
  pagerDutyErrors,
  type RateLimiter,
} from '../../ingest/index.js';
import { enqueueIngest, lookupIntegration, rateLimited, readJsonBody, type IngestQueue } from '../ingest-support.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

/**
 * PagerDuty Events API v2, byte for byte: a sender switches by changing only the
 * host. Bodies and statuses are PagerDuty's, not Operable's usual error shape.
 */
const Accepted = z.object({ status: z.literal('success'), message: z.string(), dedup_key: z.string().optional() }).openapi('PagerDutyAccepted');
const Invalid = z.object({ status: z.literal('invalid event'), message: z.string(), errors: z.array(z.string()) }).openapi('PagerDutyInvalid');
const Throttled = z.object({ status: z.literal('throttle event'), message: z.string() }).openapi('PagerDutyThrottled');
const Unavailable = z.object({ status: z.literal('unavailable'), message: z.string(), errors: z.array(z.string()) }).openapi('PagerDutyUnavailable');

const invalid = (c: Context<AppEnv>, errors: string[]) => c.json({ status: 'invalid event', message: 'Event object is invalid', errors }, 400);
const tooLarge = (c: Context<AppEnv>) => c.json({ status: 'invalid event', message: 'Request body is too large', errors: ['Payload exceeds 512 KB'] }, 413);
function throttled(c: Context<AppEnv>, retryAfter: number) {
  c.header('Retry-After', String(retryAfter));
  return c.json({ status: 'throttle event', message: 'Requests for this integration are arriving too quickly. Please retry later.' }, 429);
}

export function registerPagerDutyRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps, limiter: RateLimiter, queue: IngestQueue) {
  const responses = {
    202: { description: 'Durably recorded', content: { 'application/json': { schema: Accepted } } },
    400: { description: 'Invalid event; senders do not retry', content: { 'application/json': { schema: Invalid } } },
    413: { description: 'Body over 512 KB', content: { 'application/json': { schema: Invalid } } },
    429: { description: 'Rate limit of the integration; see Retry-After', content: { 'application/json': { schema: Throttled } } },
    503: { description: 'The database is out of reach; retry after Retry-After', content: { 'application/json': { schema: Unavailable } } },
  };
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v2/enqueue',
    tags: ['Ingest'],
    summary: 'PagerDuty Events API v2: trigger, acknowledge or resolve (routing_key = integration key)',
    request: { body: { content: { 'application/json': { schema: PagerDutyEventSchema } }, required: true } },
    responses,
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v2/change/enqueue',
    tags: ['Ingest'],
    summary: 'PagerDuty change events: on the service timeline, never paging',
    request: { body: { content: { 'application/json': { schema: PagerDutyChangeSchema } }, required: true } },
    responses,
  });

  app.post('/v2/enqueue', async (c) => {
    const read = await readJsonBody(c);
    if (!read.ok) return read.reason === 'too_large' ? tooLarge(c) : invalid(c, [`Invalid JSON: ${read.message}`]);
    const parsed = PagerDutyEventSchema.safeParse(read.body);
    if (!parsed.success) return invalid(c, pagerDutyErrors(parsed.error.issues));
    const integration = await lookupIntegration(deps, parsed.data.routing_key, ['pagerduty']);
    if (!integration) return invalid(c, ["'routing_key' is invalid: no such integration"]);
    const retry = rateLimited(limiter, integration, 1, deps.clock.now());
    if (retry !== null) return throttled(c, retry);
    const [dedupKey] = await enqueueIngest(c, queue, integration, [fromPagerDuty(parsed.data)]);
    return c.json({ status: 'success', message: 'Event processed', dedup_key: dedupKey }, 202);
  });

  app.post('/v2/change/enqueue', async (c) => {
    const read = await readJsonBody(c);
    if (!read.ok) return read.reason === 'too_large' ? tooLarge(c) : invalid(c, [`Invalid JSON: ${read.message}`]);
    const parsed = PagerDutyChangeSchema.safeParse(read.body);
    if (!parsed.success) return invalid(c, pagerDutyErrors(parsed.error.issues));
    const integration = await lookupIntegration(deps, parsed.data.routing_key, ['pagerduty']);
    if (!integration) return invalid(c, ["'routing_key' is invalid: no such integration"]);
    const retry = rateLimited(limiter, integration, 1, deps.clock.now());
    if (retry !== null) return throttled(c, retry);
    await runVerb(c, deps, (ctx) => ingestChange(ctx, integration, fromPagerDutyChange(parsed.data)));
    return c.json({ status: 'success', message: 'Change event processed' }, 202);
  });
}
