import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateTeam, IdParam, Team, TeamList, TeamMemberParams, UpdateTeam } from '@operable/shared';
import { addTeamMember, createTeam, deleteTeam, getTeam, listTeams, removeTeamMember, updateTeam } from '../../catalog/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Teams'];
const security = AUTHENTICATED;

export function registerTeamRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/api/teams', tags, security, summary: 'List teams with their members', responses: { 200: json(TeamList, 'Teams'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listTeams) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/teams',
      tags,
      security,
      summary: 'Create a team (admin)',
      request: { body: jsonBody(CreateTeam) },
      responses: { 201: json(Team, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createTeam(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/teams/{id}',
      tags,
      security,
      summary: 'One team',
      request: { params: IdParam },
      responses: { 200: json(Team, 'The team'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getTeam(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/teams/{id}',
      tags,
      security,
      summary: 'Rename or describe a team, or change its recovery settings (sleep window, weekend threshold, next-day override, holidays) (admin)',
      request: { params: IdParam, body: jsonBody(UpdateTeam) },
      responses: { 200: json(Team, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateTeam(ctx, id, patch)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/teams/{id}',
      tags,
      security,
      summary: 'Delete a team that owns no services (admin)',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteTeam(ctx, id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/teams/{id}/members/{userId}',
      tags,
      security,
      summary: 'Add a member (admin; idempotent)',
      request: { params: TeamMemberParams },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => addTeamMember(ctx, id, userId));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/teams/{id}/members/{userId}',
      tags,
      security,
      summary: 'Remove a member (admin)',
      request: { params: TeamMemberParams },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id, userId } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => removeTeamMember(ctx, id, userId));
      return c.body(null, 204);
    },
  );
}
