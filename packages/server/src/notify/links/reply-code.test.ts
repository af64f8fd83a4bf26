import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReplyCode, replyCode, replyInstructions } from './index.js';

const actionArb = fc.constantFrom('acknowledge' as const, 'resolve' as const);
const numberArb = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
const spaceArb = fc.string({ unit: fc.constantFrom(' ', '\t', '\n'), maxLength: 3 });

describe('SMS reply codes', () => {
  it('are the alert number and a letter', () => {
    expect(replyCode(4, 'acknowledge')).toBe('4A');
    expect(replyCode(4, 'resolve')).toBe('4R');
    expect(replyInstructions(4)).toBe('Reply 4A to acknowledge, 4R to resolve');
  });

  it('refuse numbers no alert can have', () => {
    expect(() => replyCode(0, 'acknowledge')).toThrow(RangeError);
    expect(() => replyCode(1.5, 'resolve')).toThrow(RangeError);
  });

  it.each([
    ['4a', 4, 'acknowledge'],
    [' 4 R ', 4, 'resolve'],
    ['ack 4', 4, 'acknowledge'],
    ['resolve 4', 4, 'resolve'],
    ['ACK #12', 12, 'acknowledge'],
    ['#7r', 7, 'resolve'],
    ['12 ack.', 12, 'acknowledge'],
    ['Acknowledge 3', 3, 'acknowledge'],
    ['res3', 3, 'resolve'],
  ] as const)('read %j', (text, alertNumber, action) => {
    expect(parseReplyCode(text)).toEqual({ alertNumber, action });
  });

  it.each(['', 'ok', 'STOP', '4', 'A', '4X', '0A', '4A 5R', 'ack', 'yes 4', '4 acknowledged', '-4A', '4.5A', 'constructor 4', 'toString 4'])(
    'ignore %j',
    (text) => expect(parseReplyCode(text)).toBeNull(),
  );

  it('round-trip every alert number and action, in any case and spacing', () => {
    fc.assert(
      fc.property(numberArb, actionArb, fc.boolean(), spaceArb, spaceArb, (n, action, lower, before, after) => {
        const code = replyCode(n, action);
        const typed = `${before}${lower ? code.toLowerCase() : code}${after}`;
        expect(parseReplyCode(typed)).toEqual({ alertNumber: n, action });
      }),
    );
  });

  it('never throw on garbage', () => {
    fc.assert(fc.property(fc.string(), (s) => void parseReplyCode(s)));
  });
});
