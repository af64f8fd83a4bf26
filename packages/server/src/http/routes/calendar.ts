import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { CalendarFeed, IdParam, RevokeScheduleFeedQuery } from '@operable/shared';
import { inTransaction } from '../../db/index.js';
import { notFound } from '../../lib/errors.js';
import { createMyFeed, createScheduleFeed, renderFeed, revokeMyFeed, revokeScheduleFeed } from '../../schedules/index.js';
import { AUTHENTICATED, errors, json, noContent } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Calendar feeds'];
const security = AUTHENTICATED;

export function registerCalendarRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/schedules/{id}/calendar-feed',
      tags,
      security,
      summary: 'Your secret iCalendar URL for a schedule (shown once; replaces your previous one)',
      request: { params: IdParam },
      responses: { 201: json(CalendarFeed, 'The URL'), ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      return c.json(await runVerb(c, deps, (ctx) => createScheduleFeed(ctx, id)), 201);
    },
  );

  app.openapi(
    createRoute({
      method: 'delete',
      path: '/api/schedules/{id}/calendar-feed',
      tags,
      security,
      summary: 'Revoke your URL for a schedule, or (`scope=everyone`, schedule editors) everyone’s',
      request: { params: IdParam, query: RevokeScheduleFeedQuery },
      responses: { ...noContent, ...errors(400, 401, 403, 404) },
    }),
    async (c) => {
      const { id } = c.req.valid('param');
      const { scope } = c.req.valid('query');
      await runVerb(c, deps, (ctx) => revokeScheduleFeed(ctx, id, scope));
      return c.body(null, 204);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/me/calendar-feed',
      tags,
      security,
      summary: 'Your secret iCalendar URL of your own shifts on every schedule (shown once; replaces the previous one)',
      responses: { 201: json(CalendarFeed, 'The URL'), ...errors(401, 403) },
    }),
    async (c) => c.json(await runVerb(c, deps, createMyFeed), 201),
  );

  app.openapi(
    createRoute({ method: 'delete', path: '/api/me/calendar-feed', tags, security, summary: 'Revoke your personal calendar URL', responses: { ...noContent, ...errors(401, 403) } }),
    async (c) => {
      await runVerb(c, deps, revokeMyFeed);
      return c.body(null, 204);
    },
  );

  // The token is the credential: calendar apps send no session or key.
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/ical/{token}.ics',
    tags,
    summary: 'An iCalendar feed (RFC 5545): shifts from 4 weeks back to 26 weeks ahead, times in UTC',
    request: { params: z.object({ token: z.string() }) },
    responses: { 200: { description: 'text/calendar', content: { 'text/calendar': { schema: z.string() } } }, ...errors(404) },
  });

  app.get('/ical/:file', async (c) => {
    const file = c.req.param('file');
    if (!file.endsWith('.ics')) throw notFound('Calendar feed');
    const token = file.slice(0, -'.ics'.length);
    const text = await inTransaction(deps.database.db, (db) => renderFeed(db, token, deps.clock.now(), deps.settings.publicUrl));
    return c.body(text, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      // A secret URL: no shared cache may keep it, no search engine may list it.
      'Cache-Control': 'private, max-age=300',
      'X-Robots-Tag': 'noindex',
    });
  });
}
