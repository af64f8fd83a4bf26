import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, MaintenanceWindow, MaintenanceWindowInput, MaintenanceWindowList, MaintenanceWindowQuery } from '@operable/shared';
import {
  createMaintenanceWindow,
  deleteMaintenanceWindow,
  getMaintenanceWindow,
  listMaintenanceWindows,
  updateMaintenanceWindow,
} from '../../alerts/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Maintenance windows'];
const security = AUTHENTICATED;

export function registerMaintenanceRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/maintenance-windows',
      tags,
      security,
      summary: 'Maintenance windows that have not ended (all with `ended=true`), each saying whether it is in effect now',
      request: { query: MaintenanceWindowQuery },
      responses: { 200: json(MaintenanceWindowList, 'Maintenance windows'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await runVerb(c, deps, (ctx) => listMaintenanceWindows(ctx, { serviceId: q.serviceId, ended: q.ended === 'true' }));
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/maintenance-windows',
      tags,
      security,
      summary: 'Plan a maintenance window: alerts are recorded but page nobody (responders for their teams’ services, admins for any or all)',
      request: { body: jsonBody(MaintenanceWindowInput) },
      responses: { 201: json(MaintenanceWindow, 'Created'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createMaintenanceWindow(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/maintenance-windows/{id}',
      tags,
      security,
      summary: 'One maintenance window with its next occurrences',
      request: { params: IdParam },
      responses: { 200: json(MaintenanceWindow, 'The window'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getMaintenanceWindow(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/maintenance-windows/{id}',
      tags,
      security,
      summary: 'Replace a maintenance window (e.g. extend it while a deploy runs long)',
      request: { params: IdParam, body: jsonBody(MaintenanceWindowInput) },
      responses: { 200: json(MaintenanceWindow, 'Updated'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateMaintenanceWindow(ctx, id, input)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/maintenance-windows/{id}',
      tags,
      security,
      summary: 'End a maintenance window now, or drop a planned one; alerts it suppressed stay recorded',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteMaintenanceWindow(ctx, id));
      return c.body(null, 204);
    },
  );
}
