import { ErrorCode } from '@operable/shared';
import { Hono, type Context } from 'hono';
import { safeEqual, sha256 } from '../lib/crypto.js';
import type { Metrics } from '../lib/metrics.js';
import { sendError } from './errors.js';
import { securityHeaders } from './security-headers.js';
import type { AppDeps, AppEnv } from './types.js';

/**
 * /metrics, Prometheus' way: `Authorization: Bearer <OPERABLE_METRICS_TOKEN>` when a
 * token is set, wherever it is served. On the main port it is off unless a token is
 * set: a reverse proxy on the same host makes "only from localhost" mean "from anyone".
 */
export function serveMetrics(metrics: Metrics, config: AppDeps['config']['metrics'], where: 'main' | 'listener') {
  // Digests have one length, so comparing them takes the same time whatever was sent.
  const wanted = config.token ? sha256(config.token) : null;
  return async (c: Context<AppEnv>) => {
    if (where === 'main' && config.listen) return sendError(c, ErrorCode.NotFound, 'Metrics are served on OPERABLE_METRICS_LISTEN, not on this port');
    if (where === 'main' && !wanted) return sendError(c, ErrorCode.NotFound, 'Metrics are off: set OPERABLE_METRICS_TOKEN or OPERABLE_METRICS_LISTEN');
    if (wanted) {
      const [scheme, token] = (c.req.header('authorization') ?? '').split(' ');
      if (scheme?.toLowerCase() !== 'bearer' || !safeEqual(sha256(token ?? ''), wanted)) {
        c.header('WWW-Authenticate', 'Bearer realm="metrics"');
        return sendError(c, ErrorCode.Unauthenticated, 'Send Authorization: Bearer <OPERABLE_METRICS_TOKEN>');
      }
    }
    return c.text(await metrics.registry.metrics(), 200, { 'Content-Type': metrics.registry.contentType });
  };
}

/** The OPERABLE_METRICS_LISTEN listener: /metrics and nothing else. */
export function createMetricsApp(deps: Pick<AppDeps, 'config' | 'metrics' | 'settings'>) {
  const app = new Hono<AppEnv>();
  app.use('*', securityHeaders(deps.settings.publicUrl));
  app.get('/metrics', serveMetrics(deps.metrics, deps.config.metrics, 'listener'));
  app.notFound((c) => sendError(c, ErrorCode.NotFound, 'This listener serves only /metrics'));
  return app;
}
