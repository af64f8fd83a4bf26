import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AlertDetail, AlertPage, AlertQuery, CreateIntegration, IdParam, Integration, IntegrationList, RaiseAlert, Timeline, TimelineQuery } from '@operable/shared';
import { actOnAlert, escalateAlertNow, getAlert, listAlerts, raiseAlert, serviceTimeline } from '../../alerts/index.js';
import { createIntegration, deleteIntegration, listIntegrations } from '../../ingest/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const security = AUTHENTICATED;

export function registerAlertRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/alerts',
      tags: ['Alerts'],
      security,
      summary: 'Alerts, newest first, filtered by status, service and urgency',
      request: { query: AlertQuery },
      responses: { 200: json(AlertPage, 'Alerts'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => listAlerts(ctx, q)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/alerts/{id}',
      tags: ['Alerts'],
      security,
      summary: 'One alert with its log and its service’s runbook',
      request: { params: IdParam },
      responses: { 200: json(AlertDetail, 'The alert'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getAlert(ctx, id)), 200);
    },
  );

  for (const action of ['acknowledge', 'resolve'] as const) {
    app.openapi(
      createRoute({
        method: 'post',
        path: `/api/alerts/{id}/${action}`,
        tags: ['Alerts'],
        security,
        summary: action === 'acknowledge' ? 'Acknowledge: stops escalation (idempotent)' : 'Resolve (idempotent)',
        request: { params: IdParam },
        responses: { 200: json(AlertDetail, 'The alert afterwards'), ...errors(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        return c.json(await runVerb(c, deps, (ctx) => actOnAlert(ctx, id, action)), 200);
      },
    );
  }

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/alerts',
      tags: ['Alerts'],
      security,
      summary: 'Page a service by hand: raises an alert that escalates like any other',
      request: { body: jsonBody(RaiseAlert) },
      responses: { 201: json(AlertDetail, 'Raised'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => raiseAlert(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/alerts/{id}/escalate',
      tags: ['Alerts'],
      security,
      summary: 'Escalate now: the next step fires at once',
      request: { params: IdParam },
      responses: { 200: json(AlertDetail, 'The alert afterwards'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => escalateAlertNow(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{id}/timeline',
      tags: ['Alerts'],
      security,
      summary: 'Alerts and change events (deploys, config changes) of a service, newest first',
      request: { params: IdParam, query: TimelineQuery },
      responses: { 200: json(Timeline, 'Timeline'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const q = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => serviceTimeline(ctx, id, q)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{id}/integrations',
      tags: ['Integrations'],
      security,
      summary: 'How senders reach this service (keys only for people who can edit it)',
      request: { params: IdParam },
      responses: { 200: json(IntegrationList, 'Integrations'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json({ items: await runVerb(c, deps, (ctx) => listIntegrations(ctx, id)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/services/{id}/integrations',
      tags: ['Integrations'],
      security,
      summary: 'Add an integration; the response has its key and URL',
      request: { params: IdParam, body: jsonBody(CreateIntegration) },
      responses: { 201: json(Integration, 'Created'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createIntegration(ctx, id, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/integrations/{id}',
      tags: ['Integrations'],
      security,
      summary: 'Delete an integration: its key stops working at once',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteIntegration(ctx, id));
      return c.body(null, 204);
    },
  );
}
