import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { firstUnstorable, jsonDepth, makeStorable, mayHoldUnstorable, storable, storableText } from './json-safety.js';

/** The reference: depth by recursion over the parsed value (fine for the small values generated here). */
function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (value !== null && typeof value === 'object') return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

const hostileChar = fc.constantFrom('\u0000', '\ud800', '\udfff', '\ud83d', 'a', '"', '\\', '{', ']', '\ud83d\ude00');
const hostileString = fc.array(hostileChar, { maxLength: 6 }).map((cs) => cs.join(''));
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, hostileString, fc.integer(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 3 }),
  object: fc.dictionary(hostileString, tie('value'), { maxKeys: 3 }),
})).value;

describe('jsonDepth', () => {
  it('agrees with the parsed value for any JSON, strings with brackets and escapes included', () => {
    fc.assert(fc.property(fc.jsonValue(), hostileJson, (a, b) => {
      for (const v of [a, b]) expect(jsonDepth(JSON.stringify(v), 10_000)).toBe(depthOf(v));
    }));
  });

  it('reads 100,000 levels without a stack and stops counting past the limit', () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    expect(jsonDepth(deep)).toBe(65);
    expect(jsonDepth(deep, 200_000)).toBe(100_000);
    expect(jsonDepth('{"a":"[[[[{{{{"}')).toBe(1);
    expect(jsonDepth('["\\"[[["]')).toBe(1);
  });
});

describe('storable JSON', () => {
  it('after makeStorable every string and key is storable, and storable values are unchanged', () => {
    fc.assert(fc.property(hostileJson, (v) => {
      const before = JSON.stringify(v);
      const fixed = makeStorable(structuredClone(v));
      expect(firstUnstorable(fixed)).toBeNull();
      const walkStrings = (x: unknown): string[] =>
        typeof x === 'string' ? [x] : Array.isArray(x) ? x.flatMap(walkStrings) : x && typeof x === 'object' ? Object.entries(x).flatMap(([k, y]) => [k, ...walkStrings(y)]) : [];
      expect(walkStrings(fixed).every(storable)).toBe(true);
      if (firstUnstorable(v) === null) expect(JSON.stringify(fixed)).toBe(before);
    }));
  });

  it('a suspect escape in the text is the only way in: no escape, nothing to repair', () => {
    fc.assert(fc.property(hostileJson, (v) => {
      const text = JSON.stringify(v);
      if (!mayHoldUnstorable(text)) expect(firstUnstorable(JSON.parse(text))).toBeNull();
    }));
  });

  it('replaces NUL and unpaired surrogates with U+FFFD and keeps pairs', () => {
    expect(storableText('a\u0000b')).toBe('a\uFFFDb');
    expect(storableText('\ud800x\udc00')).toBe('\uFFFDx\uFFFD');
    expect(storableText('\ud83d\ude00')).toBe('\ud83d\ude00');
    expect(makeStorable({ 'k\u0000': ['\ud800'] })).toEqual({ 'k\uFFFD': ['\uFFFD'] });
  });

  it('keeps the order of keys when it renames one, and a "__proto__" key as a key', () => {
    const fixed = makeStorable(JSON.parse('{"\\u0000":[],"b":1,"__proto__":{"x\\u0000":2},"":""}'));
    expect(Object.keys(fixed)).toEqual(['\uFFFD', 'b', '__proto__', '']);
    expect(Object.getPrototypeOf(fixed)).toBe(Object.prototype);
    expect(JSON.stringify(fixed)).toBe('{"\uFFFD":[],"b":1,"__proto__":{"x\uFFFD":2},"":""}');
  });

  it('names the first bad field by its dotted path', () => {
    expect(firstUnstorable({ name: 'ok', steps: [{ targets: [{ userId: 'x\u0000' }] }] })).toBe('steps.0.targets.0.userId');
    expect(firstUnstorable('\u0000')).toBe('body');
    expect(firstUnstorable({ ok: 1 })).toBeNull();
  });

  it('walks 100,000 levels without a stack', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(firstUnstorable(deep)).toBe(Array(100_000).fill(0).join('.'));
  });
});
