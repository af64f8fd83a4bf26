import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import {
  CreateHealthAction,
  CreateRisk,
  HealthActionItem,
  HealthActionList,
  IdParam,
  LogToil,
  PersonToil,
  Risk,
  RiskList,
  TeamToil,
  ToilEntry,
  ToilQuery,
  UpdateHealthAction,
  UpdateRisk,
} from '@operable/shared';
import { createRisk, createTeamAction, deleteToil, getPersonToil, getTeamToil, listTeamActions, listTeamRisks, logToil, updateRisk, updateTeamAction } from '../../health/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Health'];
const security = AUTHENTICATED;

/** The team action list, the toil log and the risk backlog. */
export function registerHealthListRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/api/health/teams/{id}/actions', tags, security, summary: 'The team’s action list: open first, top priority first', request: { params: IdParam }, responses: { 200: json(HealthActionList, 'Items'), ...errors(400, 401, 403, 404) } }),
    async (c) => c.json({ items: await runVerb(c, deps, (ctx) => listTeamActions(ctx, c.req.valid('param').id)) }, 200),
  );
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/health/teams/{id}/actions',
      tags,
      security,
      summary: 'Add an action item; from a noisy source it is top priority, and a second click returns the open item (200) instead of a duplicate',
      request: { params: IdParam, body: jsonBody(CreateHealthAction) },
      responses: { 201: json(HealthActionItem, 'Created'), 200: json(HealthActionItem, 'Already on the list'), ...errors(...COMMON_ERRORS, 404) },
    }),
    async (c) => {
      const r = await runVerb(c, deps, (ctx) => createTeamAction(ctx, c.req.valid('param').id, c.req.valid('json')));
      return r.created ? c.json(r.item, 201) : c.json(r.item, 200);
    },
  );
  app.openapi(
    createRoute({ method: 'patch', path: '/api/health/actions/{id}', tags, security, summary: 'Change an action item (team editors)', request: { params: IdParam, body: jsonBody(UpdateHealthAction) }, responses: { 200: json(HealthActionItem, 'Updated'), ...errors(...COMMON_ERRORS, 404) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => updateTeamAction(ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
  );

  app.openapi(
    createRoute({ method: 'post', path: '/api/health/toil', tags, security, summary: 'Log toil: what, how long, category, for a service or team', request: { body: jsonBody(LogToil) }, responses: { 201: json(ToilEntry, 'Logged'), ...errors(...COMMON_ERRORS) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => logToil(ctx, c.req.valid('json'))), 201),
  );
  app.openapi(
    createRoute({ method: 'delete', path: '/api/health/toil/{id}', tags, security, summary: 'Remove a toil entry (its author or a team editor)', request: { params: IdParam }, responses: { ...noContent, ...errors(400, 401, 403, 404) } }),
    async (c) => {
      await runVerb(c, deps, (ctx) => deleteToil(ctx, c.req.valid('param').id));
      return c.body(null, 204);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/teams/{id}/toil',
      tags,
      security,
      summary: 'The team’s toil share against working hours (target ≤ 25 %), per week, and the top recurring toil',
      request: { params: IdParam, query: ToilQuery },
      responses: { 200: json(TeamToil, 'Toil'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getTeamToil(ctx, c.req.valid('param').id, c.req.valid('query'))), 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/health/people/{id}/toil',
      tags,
      security,
      summary: 'One person’s logged toil against their own working hours (40 a week when none are set), per week in their zone',
      request: { params: IdParam, query: ToilQuery },
      responses: { 200: json(PersonToil, 'Toil'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => getPersonToil(ctx, c.req.valid('param').id, c.req.valid('query'))), 200),
  );

  app.openapi(
    createRoute({ method: 'get', path: '/api/health/teams/{id}/risks', tags, security, summary: 'The team’s risk backlog and its top 10 by score, then effort', request: { params: IdParam }, responses: { 200: json(RiskList, 'Risks'), ...errors(400, 401, 403, 404) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => listTeamRisks(ctx, c.req.valid('param').id)), 200),
  );
  app.openapi(
    createRoute({ method: 'post', path: '/api/health/teams/{id}/risks', tags, security, summary: 'Add a risk: impact and likelihood 1–5, effort S/M/L/XL or days', request: { params: IdParam, body: jsonBody(CreateRisk) }, responses: { 201: json(Risk, 'Created'), ...errors(...COMMON_ERRORS, 404) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => createRisk(ctx, c.req.valid('param').id, c.req.valid('json'))), 201),
  );
  app.openapi(
    createRoute({ method: 'patch', path: '/api/health/risks/{id}', tags, security, summary: 'Change a risk (team editors)', request: { params: IdParam, body: jsonBody(UpdateRisk) }, responses: { 200: json(Risk, 'Updated'), ...errors(...COMMON_ERRORS, 404) } }),
    async (c) => c.json(await runVerb(c, deps, (ctx) => updateRisk(ctx, c.req.valid('param').id, c.req.valid('json'))), 200),
  );
}

