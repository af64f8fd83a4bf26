import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HealthOrgSettings, HealthOrgSettingsUpdate, HealthQuery, HealthReport, HealthTeamSettings, HealthTeamSettingsUpdate, IdParam, ReviewQuery, WeeklyReview } from '@operable/shared';
import { getHealth, getOrgHealthSettings, getTeamHealthSettings, getWeeklyReview, updateOrgHealthSettings, updateTeamHealthSettings, type HealthScope } from '../../health/index.js';
import { AUTHENTICATED, errors, json, jsonBody } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';
import { registerHealthListRoutes } from './health-lists.js';

const SCOPES = [
  { path: '/api/health/teams/{id}', kind: 'team', summary: 'A team’s health numbers for a period (default: this week in the team’s zone) and its pager load over 12 weeks' },
  { path: '/api/health/services/{id}', kind: 'service', summary: 'A service’s health numbers for a period' },
  { path: '/api/health/people/{id}', kind: 'person', summary: 'One person’s interruptions, sleep pages, on-call hours and recovery, in their own zone' },
] as const;

export function registerHealthRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  registerHealthListRoutes(app, deps);
  for (const s of SCOPES) {
    app.openapi(
      createRoute({
        method: 'get',
        path: s.path,
        tags: ['Health'],
        security: AUTHENTICATED,
        summary: s.summary,
        request: { params: IdParam, query: HealthQuery },
        responses: { 200: json(HealthReport, 'Health numbers'), ...errors(400, 401, 403, 404) },
      }),
      async (c) => {
        const { id } = c.req.valid('param');
        const query = c.req.valid('query');
        return c.json(await runVerb(c, deps, (ctx) => getHealth(ctx, { kind: s.kind, id } as HealthScope, query)), 200);
      },
    );
  }
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/org',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'The organisation’s health numbers for a period (weeks in the organisation’s zone, UTC by default)',
      request: { query: HealthQuery },
      responses: { 200: json(HealthReport, 'Health numbers'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getHealth(ctx, { kind: 'org', id: null }, c.req.valid('query'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/teams/{id}/settings',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'The team’s zone for its weeks, ack-SLA targets and weekly review schedule',
      request: { params: IdParam },
      responses: { 200: json(HealthTeamSettings, 'Settings'), ...errors(401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getTeamHealthSettings(ctx, c.req.valid('param').id)), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/health/teams/{id}/settings',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'Change the team’s health settings (team editors)',
      request: { params: IdParam, body: jsonBody(HealthTeamSettingsUpdate) },
      responses: { 200: json(HealthTeamSettings, 'Settings'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => updateTeamHealthSettings(ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/teams/{id}/review',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'The team’s weekly operational review (Markdown and email-safe HTML), the last complete week by default',
      request: { params: IdParam, query: ReviewQuery },
      responses: { 200: json(WeeklyReview, 'Review'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getWeeklyReview(ctx, { kind: 'team', id: c.req.valid('param').id }, c.req.valid('query'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/org/review',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'The organisation’s weekly operational review (all teams; weeks in the organisation’s zone), the last complete week by default',
      request: { query: ReviewQuery },
      responses: { 200: json(WeeklyReview, 'Review'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getWeeklyReview(ctx, { kind: 'org', id: null }, c.req.valid('query'))), 200),
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/org/settings',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'The organisation’s weekly review: zone, schedule and recipients',
      responses: { 200: json(HealthOrgSettings, 'Settings'), ...errors(401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getOrgHealthSettings(ctx)), 200),
  );
  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/health/org/settings',
      tags: ['Health'],
      security: AUTHENTICATED,
      summary: 'Change the organisation’s weekly review schedule and recipients (admins)',
      request: { body: jsonBody(HealthOrgSettingsUpdate) },
      responses: { 200: json(HealthOrgSettings, 'Settings'), ...errors(400, 401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => updateOrgHealthSettings(ctx, c.req.valid('json'))), 200),
  );
}
