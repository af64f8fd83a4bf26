import { createRoute, type OpenAPIHono } from '@hono/zod-openapi';
import { AuditPage, AuditQuery, LogEventParam, LogLevelEntry, LogLevelList, SetLogLevel, type LogEventId } from '@operable/shared';
import { listLogLevels, setLogLevel } from '../../admin/index.js';
import { listAudit } from '../../audit/index.js';
import { AUTHENTICATED, COMMON_ERRORS, errors, json, jsonBody } from '../openapi.js';
import { runVerb } from '../run.js';
import type { AppDeps, AppEnv } from '../types.js';

const security = AUTHENTICATED;

export function registerAdminRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/audit',
      tags: ['Audit'],
      security,
      summary: 'The audit log, newest first, filtered (admin)',
      request: { query: AuditQuery },
      responses: { 200: json(AuditPage, 'Entries'), ...errors(400, 401, 403) },
    }),
    async (c) => {
      const query = c.req.valid('query');
      return c.json(await runVerb(c, deps, (ctx) => listAudit(ctx, query)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/admin/log-levels',
      tags: ['Logging'],
      security,
      summary: 'Severity of each log event ID (admin)',
      responses: { 200: json(LogLevelList, 'Levels'), ...errors(401, 403) },
    }),
    async (c) => c.json({ items: await runVerb(c, deps, async (ctx) => listLogLevels(ctx, deps.logLevels)) }, 200),
  );

  app.openapi(
    createRoute({
      method: 'put',
      path: '/api/admin/log-levels/{eventId}',
      tags: ['Logging'],
      security,
      summary: 'Change the severity of one log event ID at run time (admin)',
      request: { params: LogEventParam, body: jsonBody(SetLogLevel) },
      responses: { 200: json(LogLevelEntry, 'Changed'), ...errors(...COMMON_ERRORS) },
    }),
    async (c) => {
      const { eventId } = c.req.valid('param');
      const { level } = c.req.valid('json');
      return c.json(await runVerb(c, deps, (ctx) => setLogLevel(ctx, deps.logLevels, eventId as LogEventId, level)), 200);
    },
  );
}
