import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, RecoveryList, RecoveryQuery, RecoveryTimeOff } from '@operable/shared';
import { declineRecovery, listRecovery } from '../../schedules/index.js';
import { AUTHENTICATED, errors, json } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Recovery'];
const security = AUTHENTICATED;

export function registerRecoveryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/recovery',
      tags,
      security,
      summary: 'Recovery time off granted after sleep-hours or long weekend/holiday pages, newest day first, and whether it was taken',
      request: { query: RecoveryQuery },
      responses: { 200: json(RecoveryList, 'Recovery time off'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json({ items: await runVerb(c, deps, (ctx) => listRecovery(ctx, query)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/recovery/{id}/decline',
      tags,
      security,
      summary: 'Decline your own recovery time off: you are back on call for the rest of the day (cover not started is removed, running cover ends now)',
      request: { params: IdParam },
      responses: { 200: json(RecoveryTimeOff, 'Declined'), ...errors(400, 401, 403, 404, 409) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => declineRecovery(ctx, id)), 200);
    },
  );
}
