import { z, type OpenAPIHono } from '@hono/zod-openapi';
import { ErrorCode } from '@operable/shared';
import type { Context } from 'hono';
import { AlertmanagerWebhookSchema, beat, parseAlertmanager, parseGeneric, type RateLimiter } from '../../ingest/index.js';
import { ErrorSchema } from '../openapi.js';
import { errorBody } from '../errors.js';
import { enqueueIngest, lookupIntegration, rateLimited, readJsonBody, type IngestQueue } from '../ingest-support.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

/**
 * Webhook senders (Alertmanager, Grafana, anything that POSTs JSON) carry the
 * integration key in the URL. Errors use Operable's usual body; Alertmanager only
 * reads the status (2xx done, 4xx dropped, 5xx retried).
 */
const Accepted = z.object({ status: z.literal('accepted'), dedupKeys: z.array(z.string()) }).openapi('IngestAccepted');
const KeyParam = z.object({ key: z.string().describe('The integration key') });

function fail(c: Context<AppEnv>, status: 400 | 404 | 413, code: ErrorCode, message: string, fields?: string[]) {
  return c.json(errorBody(code, message, fields ? { fields: fields.map((f) => ({ field: f.split(':')[0] ?? 'body', message: f })) } : undefined), status);
}
function throttled(c: Context<AppEnv>, retry: number) {
  c.header('Retry-After', String(retry));
  return c.json(errorBody(ErrorCode.RateLimited, 'Too many events for this integration', { retryAfterSeconds: retry }), 429);
}

const GENERIC_DOC = z
  .object({
    action: z.enum(['trigger', 'acknowledge', 'resolve']).optional(),
    dedupKey: z.string().optional(),
    summary: z.string().optional(),
    severity: z.enum(['critical', 'error', 'warning', 'info']).optional(),
    urgency: z.enum(['high', 'low']).optional(),
    source: z.string().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
    links: z.array(z.object({ href: z.string(), text: z.string().optional() })).optional(),
  })
  .openapi('GenericEvent', { description: 'One event, or `{"events":[…]}` with up to 1000' });

export function registerWebhookRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps, limiter: RateLimiter, queue: IngestQueue) {
  const errorResponses = {
    400: { description: 'Invalid body; `details.fields` names the problems', content: { 'application/json': { schema: ErrorSchema } } },
    404: { description: 'Unknown integration key', content: { 'application/json': { schema: ErrorSchema } } },
    413: { description: 'Body over 512 KB', content: { 'application/json': { schema: ErrorSchema } } },
    429: { description: 'Rate limit; see Retry-After', content: { 'application/json': { schema: ErrorSchema } } },
    503: { description: 'The database is out of reach; retry after Retry-After', content: { 'application/json': { schema: ErrorSchema } } },
  };
  const formats = [
    { kind: 'alertmanager', parse: parseAlertmanager, schema: AlertmanagerWebhookSchema, summary: 'Prometheus Alertmanager webhook (version 4)' },
    { kind: 'grafana', parse: parseAlertmanager, schema: AlertmanagerWebhookSchema, summary: 'Grafana-managed alerting webhook' },
    { kind: 'generic', parse: parseGeneric, schema: GENERIC_DOC, summary: 'Operable generic JSON webhook' },
  ] as const;

  for (const f of formats) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/ingest/${f.kind}/{key}`,
      tags: ['Ingest'],
      summary: f.summary,
      request: { params: KeyParam, body: { content: { 'application/json': { schema: f.schema } }, required: true } },
      responses: { 202: { description: 'Durably recorded', content: { 'application/json': { schema: Accepted } } }, ...errorResponses },
    });
    app.post(`/ingest/${f.kind}/:key`, async (c) => {
      const integration = await lookupIntegration(deps, c.req.param('key'), [f.kind]);
      if (!integration) return fail(c, 404, ErrorCode.NotFound, `No ${f.kind} integration with this key`);
      const read = await readJsonBody(c);
      if (!read.ok) return read.reason === 'too_large' ? fail(c, 413, ErrorCode.PayloadTooLarge, read.message) : fail(c, 400, ErrorCode.MalformedJson, 'Body is not valid JSON', [`body: ${read.message}`]);
      const parsed = f.parse(read.body);
      if (!parsed.ok) return fail(c, 400, ErrorCode.ValidationFailed, 'Invalid event', parsed.errors);
      const retry = rateLimited(limiter, integration, parsed.value.length, deps.clock.now());
      if (retry !== null) return throttled(c, retry);
      const dedupKeys = await enqueueIngest(c, queue, integration, parsed.value);
      return c.json({ status: 'accepted' as const, dedupKeys }, 202);
    });
  }

  for (const method of ['get', 'post'] as const) {
    app.openAPIRegistry.registerPath({
      method,
      path: '/ingest/heartbeat/{key}',
      tags: ['Ingest'],
      summary: 'Heartbeat: call at least every N minutes; a missed beat raises an alert, the next beat resolves it',
      request: { params: KeyParam },
      responses: { 202: { description: 'Beat recorded' }, 404: errorResponses[404], 503: errorResponses[503] },
    });
    app[method]('/ingest/heartbeat/:key', async (c) => {
      const integration = await lookupIntegration(deps, c.req.param('key'), ['heartbeat']);
      if (!integration) return fail(c, 404, ErrorCode.NotFound, 'No heartbeat integration with this key');
      await runVerb(c, deps, (ctx) => beat(ctx, integration));
      return c.body(null, 202);
    });
  }
}
