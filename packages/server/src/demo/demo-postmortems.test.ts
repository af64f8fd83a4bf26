import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inTransaction } from '../db/index.js';
import { getPostmortem, listPostmortems } from '../postmortems/index.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { loadDemo } from './index.js';

describe.each(await databaseKinds())('demo post-mortems on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await createHarness(kind);
  });
  afterAll(() => h?.close());

  const load = () => inTransaction(h.operable.deps.database.db, (trx) => loadDemo(h.operable.systemCtx(trx)));

  it('has one reviewed post-mortem with an overdue action item and one draft, once', async () => {
    const first = await load();
    expect(first.postmortems.created).toHaveLength(2);
    const ctx = h.operable.systemCtx();
    const list = await listPostmortems(ctx, {});
    expect(list.map((p) => p.state).sort()).toEqual(['draft', 'reviewed']);
    const reviewed = await getPostmortem(ctx, list.find((p) => p.state === 'reviewed')!.id);
    expect(reviewed.actionItems).toHaveLength(3);
    expect(reviewed.actionItems.filter((a) => a.overdue).map((a) => a.title)).toEqual(['Group declines by reason on the payments dashboard']);
    expect(reviewed.late.map((l) => l.what)).toEqual(['action_items']);
    expect(reviewed.facilitator?.name).toBe('Lena Fischer');
    expect(reviewed.sections.find((s) => s.key === 'lucky')!.markdown).toContain('Tuesday morning');
    expect(reviewed.timeline.filter((e) => e.moment).map((e) => e.moment)).toEqual(['detected', 'mitigated', 'resolved']);
    expect(reviewed.followUps).toHaveLength(1);
    const draft = await getPostmortem(ctx, list.find((p) => p.state === 'draft')!.id);
    expect(draft.owner?.name).toBe('Hannah Kim');
    expect(draft.sections.find((s) => s.key === 'timeline')!.markdown).toContain('Lowered the send concurrency');
    const again = await load();
    expect(again.postmortems).toEqual({ created: [], skipped: expect.arrayContaining([expect.any(String), expect.any(String)]) });
    expect(await listPostmortems(ctx, {})).toHaveLength(2);
  });
});
