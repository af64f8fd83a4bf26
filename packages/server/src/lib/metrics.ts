import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One registry per running instance, so tests can build many apps in one process. */
export function createMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'operable_' });
  return {
    registry,
    httpDuration: new Histogram({
      name: 'operable_http_request_duration_seconds',
      help: 'HTTP request duration by route template, method and status',
      labelNames: ['route', 'method', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    dbDuration: new Histogram({
      name: 'operable_db_query_duration_seconds',
      help: 'Database query duration by statement kind',
      labelNames: ['kind'] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
      registers: [registry],
    }),
    /**
     * Gauges computed at scrape time from the database, wired by the composition root.
     * With the database out of reach they keep their last value: the scrape must
     * still succeed, since it is how anyone sees the outage (operable_db_query_errors_total).
     */
    engineGauges(read: { lagSeconds: () => Promise<number>; outboxDepth: () => Promise<number> }) {
      new Gauge({
        name: 'operable_engine_lag_seconds',
        help: 'How long the oldest due escalation, notification or outbound message has waited',
        registers: [registry],
        async collect() {
          const value = await read.lagSeconds().catch(() => undefined);
          if (value !== undefined) this.set(value);
        },
      });
      new Gauge({
        name: 'operable_outbox_depth',
        help: 'Outbound messages waiting to be sent',
        registers: [registry],
        async collect() {
          const value = await read.outboxDepth().catch(() => undefined);
          if (value !== undefined) this.set(value);
        },
      });
    },
    dbErrors: new Counter({
      name: 'operable_db_query_errors_total',
      help: 'Database queries that failed',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
