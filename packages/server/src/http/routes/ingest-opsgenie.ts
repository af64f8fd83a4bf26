import { randomUUID } from 'node:crypto';
import { z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { fromOpsgenie, OpsgenieActionSchema, OpsgenieCreateSchema, opsgenieErrors, type RateLimiter } from '../../ingest/index.js';
import { enqueueIngest, lookupIntegration, rateLimited, readJsonBody, type IngestQueue } from '../ingest-support.js';
import type { AppDeps, AppEnv } from '../types.js';
import { storableText } from '../../lib/json-safety.js';

/** Opsgenie Alert API v2 for teams leaving Opsgenie: `Authorization: GenieKey <integration key>`. */
const Accepted = z.object({ result: z.string(), took: z.number(), requestId: z.string() }).openapi('OpsgenieAccepted');
const Failed = z.object({ message: z.string(), errors: z.record(z.string(), z.string()).optional(), took: z.number(), requestId: z.string() }).openapi('OpsgenieError');

function reply(c: Context<AppEnv>, status: 202 | 401 | 413 | 422 | 429, body: Record<string, unknown>, started: number) {
  return c.json({ ...body, took: Math.round(performance.now() - started) / 1000, requestId: c.get('requestId') ?? randomUUID() }, status);
}

const genieKey = (c: Context<AppEnv>) => /^GenieKey\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')?.[1];

export function registerOpsgenieRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps, limiter: RateLimiter, queue: IngestQueue) {
  const responses = {
    202: { description: 'Durably recorded', content: { 'application/json': { schema: Accepted } } },
    401: { description: 'Unknown GenieKey', content: { 'application/json': { schema: Failed } } },
    413: { description: 'Body over 512 KB', content: { 'application/json': { schema: Failed } } },
    422: { description: 'Invalid request', content: { 'application/json': { schema: Failed } } },
    429: { description: 'Rate limit; see Retry-After', content: { 'application/json': { schema: Failed } } },
    503: { description: 'The database is out of reach; retry after Retry-After', content: { 'application/json': { schema: Failed } } },
  };
  const security = [{ genieKey: [] }];
  app.openAPIRegistry.registerComponent('securitySchemes', 'genieKey', {
    type: 'apiKey',
    in: 'header',
    name: 'Authorization',
    description: '`GenieKey <integration key>` of an Opsgenie-kind integration',
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/v2/alerts',
    tags: ['Ingest'],
    security,
    summary: 'Opsgenie: create an alert (alias = dedup key)',
    request: { body: { content: { 'application/json': { schema: OpsgenieCreateSchema } }, required: true } },
    responses,
  });
  for (const action of ['close', 'acknowledge'] as const) {
    app.openAPIRegistry.registerPath({
      method: 'post',
      path: `/v2/alerts/{identifier}/${action}`,
      tags: ['Ingest'],
      security,
      summary: `Opsgenie: ${action} an alert by alias`,
      request: {
        params: z.object({ identifier: z.string() }),
        query: z.object({ identifierType: z.enum(['alias', 'id', 'tiny']).optional() }),
        body: { content: { 'application/json': { schema: OpsgenieActionSchema } }, required: false },
      },
      responses,
    });
  }

  async function authorize(c: Context<AppEnv>, started: number) {
    const integration = await lookupIntegration(deps, genieKey(c), ['opsgenie']);
    if (!integration) return { error: reply(c, 401, { message: 'Could not authenticate' }, started) };
    const retry = rateLimited(limiter, integration, 1, deps.clock.now());
    if (retry !== null) {
      c.header('Retry-After', String(retry));
      return { error: reply(c, 429, { message: 'You are making too many requests! To avoid errors, we recommend you limit requests.' }, started) };
    }
    return { integration };
  }

  app.post('/v2/alerts', async (c) => {
    const started = performance.now();
    const read = await readJsonBody(c);
    if (!read.ok) return reply(c, read.reason === 'too_large' ? 413 : 422, { message: read.message }, started);
    const auth = await authorize(c, started);
    if (auth.error) return auth.error;
    const parsed = OpsgenieCreateSchema.safeParse(read.body);
    if (!parsed.success) return reply(c, 422, { message: 'Request body is not processable. Please check the errors.', errors: opsgenieErrors(parsed.error.issues) }, started);
    await enqueueIngest(c, queue, auth.integration, [fromOpsgenie(parsed.data)]);
    return reply(c, 202, { result: 'Request will be processed' }, started);
  });

  for (const [path, action] of [
    ['close', 'resolve'],
    ['acknowledge', 'acknowledge'],
  ] as const) {
    app.post(`/v2/alerts/:identifier/${path}`, async (c) => {
      const started = performance.now();
      const read = (c.req.header('content-length') ?? '0') === '0' ? ({ ok: true, body: {} } as const) : await readJsonBody(c);
      if (!read.ok) return reply(c, read.reason === 'too_large' ? 413 : 422, { message: read.message }, started);
      const auth = await authorize(c, started);
      if (auth.error) return auth.error;
      const type = c.req.query('identifierType') ?? 'alias';
      if (type !== 'alias') return reply(c, 422, { message: 'Only identifierType=alias is supported', errors: { identifierType: 'Use alias' } }, started);
      const alias = storableText(c.req.param('identifier'));
      await enqueueIngest(c, queue, auth.integration, [{ action, dedupKey: alias }]);
      return reply(c, 202, { result: 'Request will be processed' }, started);
    });
  }
}
