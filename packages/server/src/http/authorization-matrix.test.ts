import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { ACCESS_ROWS } from '../test-support/authorization-matrix/access.js';
import { ALERT_ROWS } from '../test-support/authorization-matrix/alerts.js';
import { INCIDENT_ROWS } from '../test-support/authorization-matrix/incidents.js';
import { routeKey, UNDOCUMENTED } from '../test-support/authorization-matrix/matrix.js';
import { SCHEDULE_ROWS } from '../test-support/authorization-matrix/schedules.js';
import { STATUSPAGE_HEALTH_ROWS } from '../test-support/authorization-matrix/statuspage-health.js';

/**
 * The authorization matrix is split by theme (authorization-matrix-*.test.ts, each on
 * its own world, so the two workers share them out); this file checks that together
 * they have exactly one row per route the OpenAPI document lists.
 */
const ROWS = [...ACCESS_ROWS, ...ALERT_ROWS, ...SCHEDULE_ROWS, ...INCIDENT_ROWS, ...STATUSPAGE_HEALTH_ROWS];

const KINDS = await databaseKinds();

describe.each(KINDS)('authorization matrix on %s', (kind) => {
  let h: Harness;

  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('covers exactly the routes in the OpenAPI document', async () => {
    const res = await h.request('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, unknown>> };
    const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace'];
    const documented = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops)
        .filter((m) => METHODS.includes(m))
        .map((method) => routeKey({ method, path })),
    );
    const table = ROWS.map(routeKey);
    expect(new Set(table).size, 'duplicate rows').toBe(table.length);
    const missing = documented.filter((r) => !table.includes(r));
    const stale = table.filter((r) => !documented.includes(r) && !UNDOCUMENTED.has(r));
    expect(missing, 'documented routes without a row in the matrix').toEqual([]);
    expect(stale, 'rows for routes the document does not have').toEqual([]);
    for (const r of UNDOCUMENTED) expect(documented, `${r} is documented now; drop it from UNDOCUMENTED`).not.toContain(r);
  });
});
