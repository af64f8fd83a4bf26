import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { HandoffReportList, HandoffReportsQuery, IdParam } from '@operable/shared';
import { listHandoffReports } from '../../schedules/index.js';
import { AUTHENTICATED, errors, json } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

export function registerHandoffRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schedules/{id}/handoffs',
      tags: ['Schedules'],
      security: AUTHENTICATED,
      summary: 'Recent handoff reports of a schedule, newest first (each was also sent to the two people at the changeover)',
      request: { params: IdParam, query: HandoffReportsQuery },
      responses: { 200: json(HandoffReportList, 'Handoff reports'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listHandoffReports(ctx, id, query)) }, 200);
    },
  );
}
