import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { alertsOf, pipelineWorld } from '../test-support/pipeline.js';
import { jsonValue } from '../test-support/hostile-json.js';

/**
 * Alerts keep their details as the JSON text they arrived in (migration 0060): what a
 * sender puts in its details comes back as it sent it, key order included, whatever
 * the characters. The one change is the documented one: a NUL or an unpaired
 * surrogate, which PostgreSQL cannot store, becomes U+FFFD.
 */
const BROKEN = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** The reference: every string and key with those characters replaced, then as JSON reads it back. */
function expected(value: unknown): unknown {
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return v.replace(BROKEN, '\uFFFD');
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [walk(k) as string, walk(x)]));
    return v;
  };
  return JSON.parse(JSON.stringify(walk(value)));
}

const text = fc.string({ unit: 'binary', maxLength: 12 });
const json = jsonValue(text);
// Keys that differ only in a broken character would become one key: not a case a sender can tell apart.
const details = fc.dictionary(text, json, { maxKeys: 6 }).filter((d) => new Set(Object.keys(d).map((k) => k.replace(BROKEN, '\uFFFD'))).size === Object.keys(d).length);

describe.each(await databaseKinds())('alert details on %s', (kind) => {
  let h: Harness;
  let world: Awaited<ReturnType<typeof pipelineWorld>>;

  beforeAll(async () => {
    h = await createHarness(kind);
    world = await pipelineWorld(h, { people: [], steps: [{ delayMinutes: 5 }], stormWindowSeconds: 0 });
  });
  afterAll(() => h.close());

  it('come back as the sender sent them: values, key order and characters', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(details, async (customDetails) => {
        const dedupKey = `roundtrip-${n++}`;
        const res = await h.request('/v2/enqueue', {
          method: 'POST',
          json: { routing_key: world.key, event_action: 'trigger', dedup_key: dedupKey, payload: { summary: 's', source: 'x', severity: 'info', custom_details: customDetails } },
        });
        expect(res.status).toBe(202);
        const alert = (await alertsOf(h, world.service.id)).find((a) => a.dedup_key === dedupKey)!;
        const stored = (alert.details as { custom_details: unknown }).custom_details;
        // Compared as text: toEqual ignores key order, and key order is part of what is kept.
        expect(JSON.stringify(stored)).toBe(JSON.stringify(expected(customDetails)));
      }),
      { numRuns: 60 },
    );
  });
});
