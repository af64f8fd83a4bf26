import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { FairnessQuery, IdParam, TeamFairness } from '@operable/shared';
import { getTeamFairness } from '../../schedules/index.js';
import { AUTHENTICATED, errors, json } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

export function registerFairnessRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/teams/{id}/fairness',
      tags: ['Schedules'],
      security: AUTHENTICATED,
      summary: 'Hours on call per person on the team’s schedules, past and ahead, primary/secondary, weekend and holiday hours apart',
      request: { params: IdParam, query: FairnessQuery },
      responses: { 200: json(TeamFairness, 'Hours per person'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const query = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => getTeamFairness(ctx, id, query)), 200);
    },
  );
}
