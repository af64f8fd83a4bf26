import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { ReplayRequest, ReplayResult } from '@operable/shared';
import { replayRequest } from '../../replay/index.js';
import { AUTHENTICATED, errors, json } from '../openapi.js';
import { runVerbUntransacted } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

export function registerReplayRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/replay',
      tags: ['Replay'],
      security: AUTHENTICATED,
      summary: 'What a history of alerts would do to your people with the current configuration, and with a variant: run through the real pipeline on a scratch copy',
      request: { body: { content: { 'application/json': { schema: ReplayRequest } }, required: true } },
      responses: { 200: json(ReplayResult, 'Per person and team, current and variant, with the same numbers as Markdown'), ...errors(400, 401, 403, 409, 413) },
    }),
    async (c) => {
      const body = c.req.valid('json');
      // Not one transaction: a replay reads the configuration once and then works on its own scratch database for seconds.
      return c.json(await runVerbUntransacted(c, deps, (ctx) => replayRequest(ctx, body)), 200);
    },
  );
}
