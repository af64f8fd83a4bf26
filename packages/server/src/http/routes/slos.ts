import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, SloDetail, SloEventsInput, SloEventsResult, SloImportInput, SloInput, SloList, SloQuery } from '@operable/shared';
import { createSlo, deleteSlo, getSlo, importSlos, listSlos, pushSloEvents, updateSlo } from '../../health/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['SLOs'];
const security = AUTHENTICATED;

export function registerSloRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/slos',
      tags,
      security,
      summary: 'SLOs with their error budget remaining and burn rates now (filter by service or team)',
      request: { query: SloQuery },
      responses: { 200: json(SloList, 'SLOs'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listSlos(ctx, q)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/slos',
      tags,
      security,
      summary: 'Define an SLO for a service (responders for their teams’ services, admins for any)',
      request: { body: jsonBody(SloInput) },
      responses: { 201: json(SloDetail, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createSlo(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/slos/import',
      tags,
      security,
      summary: 'Import SLOs from OpenSLO v1 or Sloth YAML into one service; all or nothing',
      request: { body: jsonBody(SloImportInput) },
      responses: { 201: json(SloList, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json({ items: await runVerb(c, deps, (ctx) => importSlos(ctx, input)) }, 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/slos/{id}',
      tags,
      security,
      summary: 'One SLO: budget remaining, burn rate per alert tier, and the hourly budget burn series',
      request: { params: IdParam },
      responses: { 200: json(SloDetail, 'The SLO'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getSlo(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/slos/{id}',
      tags,
      security,
      summary: 'Replace an SLO; a new source or service drops the counts stored so far',
      request: { params: IdParam, body: jsonBody(SloInput) },
      responses: { 200: json(SloDetail, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateSlo(ctx, id, input)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/slos/{id}',
      tags,
      security,
      summary: 'Delete an SLO and its counts; alerts it raised stay recorded',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteSlo(ctx, id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/slos/{id}/events',
      tags,
      security,
      summary: 'Push good/total counts per minute (push SLOs); a bucket sent again replaces the stored one',
      request: { params: IdParam, body: jsonBody(SloEventsInput) },
      responses: { 200: json(SloEventsResult, 'Stored'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => pushSloEvents(ctx, id, input)), 200);
    },
  );
}
