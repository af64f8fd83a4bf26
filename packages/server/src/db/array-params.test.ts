import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { jsonArrayParam, uuidArrayParam } from './array-params.js';
import type { Db } from './index.js';
import { jsonValue } from '../test-support/hostile-json.js';

/** JSON whose text PostgreSQL accepts: strings without NUL or unpaired surrogates (ingest replaces those first). */
const text = fc.string({ unit: 'grapheme', maxLength: 10 });
const json = jsonValue(text);

describe.each(await databaseKinds())('array parameters on %s', (kind) => {
  let h: Harness;
  let db: Db;
  beforeAll(async () => {
    h = await createHarness(kind);
    db = h.operable.deps.database.db;
  });
  afterAll(() => h.close());

  const roundTrip = async (values: unknown[]) => {
    const { rows } = await sql<{ doc: string }>`
      /* prepared: test-json-array */
      select doc::text as doc from unnest(${jsonArrayParam(values.map((v) => JSON.stringify(v)))}::json[]) with ordinality as e(doc, ord) order by e.ord`.execute(db);
    return rows.map((r) => r.doc);
  };

  it('carries every element in order, as the exact text it was encoded to', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(json, { maxLength: 12 }), async (values) => {
        expect(await roundTrip(values)).toEqual(values.map((v) => JSON.stringify(v)));
      }),
      { numRuns: 80 },
    );
  });

  it('carries an empty list, and indexes from one', async () => {
    expect(await roundTrip([])).toEqual([]);
    const { rows } = await sql<{ second: string }>`select (${jsonArrayParam(['"a"', '{"b":1}'])}::json[])[2]::text as second`.execute(db);
    expect(rows[0]!.second).toBe('{"b":1}');
  });

  it('carries ids and nulls in a uuid[] literal, in order', async () => {
    const ids = ['0190a0b0-0000-7000-8000-000000000001', null, 'ffffffff-ffff-7fff-bfff-ffffffffffff'];
    const { rows } = await sql<{ id: string | null }>`select id from unnest(${uuidArrayParam(ids)}::uuid[]) with ordinality as u(id, n) order by n`.execute(db);
    expect(rows.map((r) => r.id)).toEqual(ids);
    const { rows: none } = await sql<{ n: number }>`select cardinality(${uuidArrayParam([])}::uuid[]) as n`.execute(db);
    expect(Number(none[0]!.n)).toBe(0);
  });

  it('is refused, not misread, where the statement expects another element type', async () => {
    await expect(sql`select ${jsonArrayParam(['1'])}::jsonb[] as x`.execute(db)).rejects.toThrow(/element type/);
  });
});
