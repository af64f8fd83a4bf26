import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateService, IdParam, Service, ServiceList, ServiceQuery, UpdateService } from '@operable/shared';
import { createService, deleteService, getService, listServices, updateService } from '../../catalog/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Services'];
const security = AUTHENTICATED;

export function registerServiceRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services',
      tags,
      security,
      summary: 'List services, optionally by team, tag or text',
      request: { query: ServiceQuery },
      responses: { 200: json(ServiceList, 'Services'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const filter = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listServices(ctx, filter)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/services',
      tags,
      security,
      summary: 'Create a service (responders for their own teams, admins for any)',
      request: { body: jsonBody(CreateService) },
      responses: { 201: json(Service, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createService(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{id}',
      tags,
      security,
      summary: 'One service with its runbook',
      request: { params: IdParam },
      responses: { 200: json(Service, 'The service'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getService(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/services/{id}',
      tags,
      security,
      summary: 'Change a service',
      request: { params: IdParam, body: jsonBody(UpdateService) },
      responses: { 200: json(Service, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateService(ctx, id, patch)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/services/{id}',
      tags,
      security,
      summary: 'Delete a service',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteService(ctx, id));
      return c.body(null, 204);
    },
  );
}
