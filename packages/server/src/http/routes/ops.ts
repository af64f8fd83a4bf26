import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { pendingMigrations, ping } from '../../db/index.js';
import { serveMetrics } from '../metrics.js';
import { errors, json } from '../openapi.js';
import type { AppDeps, AppEnv } from '../types.js';

const tags = ['Operations'];
const Health = z.object({ status: z.enum(['ok', 'unavailable']), checks: z.record(z.string(), z.string()).optional() });

/** Unauthenticated on purpose: load balancers call these. /metrics has its own token (see metrics.ts). */
export function registerOpsRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps) {
  app.openapi(
    createRoute({ method: 'get', path: '/healthz', tags, summary: 'The process is alive', responses: { 200: json(Health, 'Alive') } }),
    (c) => c.json({ status: 'ok' as const }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/readyz',
      tags,
      summary: 'The database answers and every migration of this build is applied',
      responses: { 200: json(Health, 'Ready'), 503: json(Health, 'Not ready') },
    }),
    async (c) => {
      // Lost between the two questions is still unreachable: never a 500 from /readyz.
      const pending = (await ping(deps.database.db)) ? await pendingMigrations(deps.database).catch(() => null) : null;
      const reachable = pending !== null;
      const checks = {
        database: reachable ? 'ok' : 'unreachable',
        migrations: pending === null ? 'unknown' : pending.length ? `pending: ${pending.join(', ')}` : 'current',
      };
      const ready = pending !== null && pending.length === 0;
      return c.json({ status: ready ? ('ok' as const) : ('unavailable' as const), checks }, ready ? 200 : 503);
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/metrics',
    tags,
    summary: 'Prometheus metrics (text exposition format), with `Authorization: Bearer <OPERABLE_METRICS_TOKEN>`; 404 when metrics are off or served on OPERABLE_METRICS_LISTEN',
    responses: { 200: { description: 'Metrics', content: { 'text/plain': { schema: z.string() } } }, ...errors(401, 404) },
  });
  app.get('/metrics', serveMetrics(deps.metrics, deps.config.metrics, 'main'));
}
