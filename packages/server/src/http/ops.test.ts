import { validate } from '@readme/openapi-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';

const METRICS_TOKEN = 'ops-test-metrics-token';

describe.each(await databaseKinds())('operations endpoints on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind, { OPERABLE_METRICS_TOKEN: METRICS_TOKEN });
  });
  afterAll(() => h.close());

  it('/healthz answers while the process lives', async () => {
    const res = await h.request('/healthz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('/readyz checks the database and migrations', async () => {
    const res = await h.request('/readyz');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', checks: { database: 'ok', migrations: 'current' } });
  });

  it('honours an incoming X-Request-Id and puts it on every log line of the request', async () => {
    const res = await h.request('/api/services', { headers: { 'x-request-id': 'trace-abc.123' } });
    expect(res.status).toBe(401);
    expect(res.headers.get('x-request-id')).toBe('trace-abc.123');
    const lines = h.logs.filter((l) => l.requestId === 'trace-abc.123');
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => typeof l.event === 'string')).toBe(true);
  });

  it('creates a request ID when none (or an unsafe one) is sent', async () => {
    const res = await h.request('/healthz', { headers: { 'x-request-id': 'bad id with spaces\n' } });
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('every log line carries an event ID', () => {
    expect(h.logs.length).toBeGreaterThan(0);
    for (const line of h.logs) expect(line.event, JSON.stringify(line)).toMatch(/^[A-Z_]+$/);
  });

  it('/metrics has request durations by route and status, DB timings and process metrics', async () => {
    await h.request('/api/services/00000000-0000-4000-8000-000000000000');
    const text = await (await h.request('/metrics', { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
    expect(text).toMatch(/operable_http_request_duration_seconds_bucket\{[^}]*route="\/healthz"[^}]*status="200"/);
    expect(text).toMatch(/operable_http_request_duration_seconds_count\{[^}]*status="401"/);
    expect(text).toMatch(/operable_db_query_duration_seconds_count\{kind="(select|insert)"\} [1-9]/);
    expect(text).toMatch(/operable_process_resident_memory_bytes \d+/);
  });

  it('serves a complete, valid OpenAPI 3.1 document', async () => {
    const doc = await (await h.request('/api/openapi.json')).json();
    expect(doc.openapi).toBe('3.1.0');
    const result = await validate(structuredClone(doc));
    expect(result.valid, JSON.stringify(result.errors)).toBe(true);
    for (const path of ['/healthz', '/readyz', '/metrics', '/api/services/{id}', '/api/audit', '/api/admin/log-levels/{eventId}']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    // Every operation documents at least one error body except the probes.
    for (const [path, ops] of Object.entries<Record<string, { responses: Record<string, unknown> }>>(doc.paths)) {
      if (['/healthz', '/readyz', '/metrics'].includes(path)) continue;
      for (const op of Object.values(ops)) expect(Object.keys(op.responses).some((s) => Number(s) >= 400), path).toBe(true);
    }
  });

  it('answers unknown API routes with a JSON error, not the web app', async () => {
    const res = await h.request('/api/nope', { headers: { authorization: 'Bearer nope' } });
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe('unauthenticated');
  });
});
