import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, PagingPreview, PagingPreviewQuery } from '@operable/shared';
import { previewPolicyReach, previewServicePage } from '../../engine/index.js';
import { AUTHENTICATED, errors, json } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

/** "Who would this reach?", asked before paging and on the service and policy pages. */
export function registerPagingPreviewRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/services/{id}/paging-preview',
      tags: ['Alerts'],
      security: AUTHENTICATED,
      summary: 'Who paging this service now would reach, step by step (changes nothing)',
      request: { params: IdParam, query: PagingPreviewQuery },
      responses: { 200: json(PagingPreview, 'Who would be reached'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { urgency } = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => previewServicePage(ctx, id, urgency)), 200);
    },
  );
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/escalation-policies/{id}/paging-preview',
      tags: ['Escalation policies'],
      security: AUTHENTICATED,
      summary: 'Who this policy would reach if it fired now, step by step (changes nothing)',
      request: { params: IdParam, query: PagingPreviewQuery },
      responses: { 200: json(PagingPreview, 'Who would be reached'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { urgency } = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => previewPolicyReach(ctx, id, urgency)), 200);
    },
  );
}
