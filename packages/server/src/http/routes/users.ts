import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { CreateUser, IdParam, ResetLink, UpdateUser, User, UserList } from '@operable/shared';
import { createUser, deleteUser, getUser, issueResetLink, listUsers, updateUser } from '../../auth/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Users'];
const security = AUTHENTICATED;

export function registerUserRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/api/users', tags, security, summary: 'List users', responses: { 200: json(UserList, 'Users'), ...errors(401, 403) } }),
    async (c) => c.json({ items: await runVerb(c, deps, listUsers) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users',
      tags,
      security,
      summary: 'Create a user (admin)',
      request: { body: jsonBody(CreateUser) },
      responses: { 201: json(User, 'Created'), ...errors(...COMMON_ERRORS, 409) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createUser(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/users/{id}',
      tags,
      security,
      summary: 'One user',
      request: { params: IdParam },
      responses: { 200: json(User, 'The user'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => getUser(ctx, id)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'patch',
      path: '/api/users/{id}',
      tags,
      security,
      summary: 'Change a user (admin)',
      request: { params: IdParam, body: jsonBody(UpdateUser) },
      responses: { 200: json(User, 'Updated'), ...errors(...COMMON_ERRORS, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const patch = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => updateUser(ctx, id, patch)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/users/{id}',
      tags,
      security,
      summary: 'Delete a user (admin)',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => deleteUser(ctx, id));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/users/{id}/password-reset-link',
      tags,
      security,
      summary: 'A one-time, expiring link for the user to set a password (admin)',
      request: { params: IdParam },
      responses: { 200: json(ResetLink, 'The link'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => issueResetLink(ctx, id)), 200);
    },
  );
}
