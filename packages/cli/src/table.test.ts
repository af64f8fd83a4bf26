import { describe, expect, it } from 'vitest';
import { formatPairs, formatTable } from './table.js';

describe('formatTable', () => {
  it('aligns columns with two spaces and leaves no trailing spaces', () => {
    const text = formatTable(
      ['NAME', 'TEAM', 'TAGS'],
      [
        ['api-gateway', 'Platform', 'tier:1,edge'],
        ['push', 'Mobile', ''],
      ],
    );
    expect(text.split('\n')).toEqual([
      'NAME         TEAM      TAGS', //
      'api-gateway  Platform  tier:1,edge',
      'push         Mobile',
    ]);
  });

  it('keeps each row on one line when a cell has newlines or tabs', () => {
    const text = formatTable(['A', 'B'], [['one\ntwo', 'x\ty']]);
    expect(text.split('\n')).toEqual(['A        B', 'one two  x y']);
  });

  it('counts characters outside the BMP as one column', () => {
    const text = formatTable(['NAME', 'X'], [['𝔸𝔹', '1']]);
    expect(text.split('\n')).toEqual(['NAME  X', '𝔸𝔹    1']);
  });

  it('prints just the header when there are no rows, and fills missing cells', () => {
    expect(formatTable(['NAME', 'TEAM'], [])).toBe('NAME  TEAM');
    expect(formatTable(['A', 'B', 'C'], [['1']]).split('\n')).toEqual(['A  B  C', '1']);
  });
});

describe('formatPairs', () => {
  it('aligns labels', () => {
    expect(formatPairs([['Name', 'Ada'], ['Time zone', 'Europe/London']])).toBe('Name       Ada\nTime zone  Europe/London');
  });
});
