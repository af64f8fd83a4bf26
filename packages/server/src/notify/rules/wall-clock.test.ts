import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('wall-clock helpers', () => {
  it('stay identical to the copy in alerts/rules (tested there) until they move to lib/', () => {
    const read = (rel: string) => readFileSync(new URL(rel, import.meta.url), 'utf8');
    expect(read('./wall-clock.ts')).toBe(read('../../alerts/rules/wall-clock.ts'));
  });
});
