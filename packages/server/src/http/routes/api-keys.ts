import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ApiKeyList, CreateApiKey, CreatedApiKey, IdParam } from '@operable/shared';
import { createApiKey, listApiKeys, revokeApiKey } from '../../auth/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['API keys'];
const security = AUTHENTICATED;

export function registerApiKeyRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/api-keys',
      tags,
      security,
      summary: 'Your API keys (admins: everyone’s)',
      responses: { 200: json(ApiKeyList, 'Keys'), ...errors(401) },
    }),
    async (c) => c.json({ items: await runVerb(c, deps, listApiKeys) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/api-keys',
      tags,
      security,
      summary: 'Create an API key; the token is in this response only',
      request: { body: jsonBody(CreateApiKey) },
      responses: { 201: json(CreatedApiKey, 'Created'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const input = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => createApiKey(ctx, input)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/api-keys/{id}',
      tags,
      security,
      summary: 'Revoke an API key (idempotent)',
      request: { params: IdParam },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      await runVerb(c, deps, (ctx) => revokeApiKey(ctx, id));
      return c.body(null, 204);
    },
  );
}
