import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Check, CheckInput, CheckList, CheckPauseBody, CheckSeries, CheckSeriesQuery, Id, IdParam, ProbeOutcome, Timestamp } from '@operable/shared';
import { createCheck, deleteCheck, getCheck, getCheckResults, getCheckSeries, listChecks, setCheckPaused, testCheck, updateCheck } from '../../checks/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb, runVerbUntransacted } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Checks'];
const security = AUTHENTICATED;

const CheckResultList = z.object({
  items: z.array(z.object({ at: Timestamp, ok: z.boolean(), latencyMs: z.number().int().nullable(), message: z.string().nullable(), maintenance: z.boolean(), startDelayMs: z.number().int().nullable().describe('How late the probe started after its slot') })),
});

export function registerCheckRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checks',
      tags,
      security,
      summary: 'Synthetic checks, down first, each with its last result and recent latencies',
      request: { query: z.object({ serviceId: Id.optional() }) },
      responses: { 200: json(CheckList, 'Checks'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const { serviceId } = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listChecks(ctx, { serviceId })) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checks',
      tags,
      security,
      summary: 'Add a check (responders for their teams’ services; internal targets need an admin)',
      request: { body: jsonBody(CheckInput) },
      responses: { 201: json(Check, 'Created'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => createCheck(ctx, c.req.valid('json'))), 201),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checks/test',
      tags,
      security,
      summary: 'Run one probe of a check as the form describes it, without saving anything',
      request: { body: jsonBody(CheckInput) },
      responses: { 200: json(ProbeOutcome, 'What the probe saw'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => c.json(await runVerbUntransacted(c, deps, (ctx) => testCheck(ctx, c.req.valid('json'))), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checks/{id}',
      tags,
      security,
      summary: 'One check: settings, state, uptime over 1/7/30 days and the alerts it raised',
      request: { params: IdParam },
      responses: { 200: json(Check, 'The check'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getCheck(ctx, c.req.valid('param').id)), 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/checks/{id}',
      tags,
      security,
      summary: 'Replace a check’s settings (its state and history stay)',
      request: { params: IdParam, body: jsonBody(CheckInput) },
      responses: { 200: json(Check, 'Updated'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => updateCheck(ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/checks/{id}/pause',
      tags,
      security,
      summary: 'Pause or resume a check',
      request: { params: IdParam, body: jsonBody(CheckPauseBody) },
      responses: { 200: json(Check, 'The check'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => setCheckPaused(ctx, c.req.valid('param').id, c.req.valid('json').paused)), 200),
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/checks/{id}',
      tags,
      security,
      summary: 'Delete a check and its history; the alerts it raised stay',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      await runVerb(c, deps, (ctx) => deleteCheck(ctx, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checks/{id}/series',
      tags,
      security,
      summary: 'Response time and uptime per minute, hour or day (raw: each probe), for charts',
      request: { params: IdParam, query: CheckSeriesQuery },
      responses: { 200: json(CheckSeries, 'Points, oldest first'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await runVerb(c, deps, (ctx) => getCheckSeries(ctx, c.req.valid('param').id, q));
      return c.json({ resolution: q.resolution, items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/checks/{id}/results',
      tags,
      security,
      summary: 'A check’s latest probe results (kept 48 hours), newest first',
      request: { params: IdParam, query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }) },
      responses: { 200: json(CheckResultList, 'Results'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { limit } = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => getCheckResults(ctx, c.req.valid('param').id, limit)) }, 200);
    },
  );
}
