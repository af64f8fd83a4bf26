import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from './markdown.js';
import {
  fillTemplate,
  nextUpdateDue,
  outputTail,
  parseChecklist,
  patternProblem,
  compilePatterns,
  redact,
  REDACTED,
  reminderRecipient,
  statusChange,
  touchesSleep,
  updateReminderDue,
} from './rules.js';

describe('parseChecklist', () => {
  it('takes task-list lines in order, ticked or not, and ignores everything else', () => {
    const md = ['# Checkout runbook', '', '- [ ] Check the error dashboard', '* [x] Page the payments team', '- plain bullet', '  + [ ]   Roll back the last deploy  ', '1. [ ] numbered is not a task'].join('\n');
    expect(parseChecklist(md)).toEqual(['Check the error dashboard', 'Page the payments team', 'Roll back the last deploy']);
  });
  it('skips fenced code and empty boxes, handles CRLF', () => {
    expect(parseChecklist('```\n- [ ] not me\n```\r\n- [ ] me\r\n- [ ]   \n- [] nor me')).toEqual(['me']);
  });
  it('caps items and their length', () => {
    const many = Array.from({ length: 150 }, (_, i) => `- [ ] step ${i} ${'x'.repeat(i === 0 ? 2000 : 1)}`).join('\n');
    const items = parseChecklist(many);
    expect(items).toHaveLength(100);
    expect(items[0]).toHaveLength(1000);
  });
  it('never throws and yields only trimmed, non-empty items', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        for (const item of parseChecklist(s)) {
          expect(item.trim()).toBe(item);
          expect(item.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});

describe('redaction', () => {
  it('applies admin patterns and the default secret shapes', () => {
    const res = compilePatterns(['db-[a-z]+-prod', 'sk_live_\\w+']);
    const out = redact('connect db-orders-prod with sk_live_abc123 password=hunter2 Authorization: Bearer abcdefghijk AKIAABCDEFGHIJKLMNOP', res);
    expect(out).toBe(`connect ${REDACTED} with ${REDACTED} password=${REDACTED} Authorization: Bearer ${REDACTED} ${REDACTED}`);
  });
  it('refuses invalid patterns and patterns matching empty text', () => {
    expect(patternProblem('(')).toMatch(/Not a valid/);
    expect(patternProblem('a*')).toMatch(/empty/);
    expect(patternProblem('token-\\d+')).toBeNull();
    expect(compilePatterns(['(', 'x+'])).toHaveLength(1);
  });
  it('never leaves a matched secret in the text (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 50 }), fc.string({ maxLength: 50 }), fc.stringMatching(/^[a-f0-9]{12}$/), (a, b, secret) => {
        const out = redact(`${a}SECRET-${secret}${b}`, compilePatterns(['SECRET-[a-f0-9]{12}']));
        expect(out).not.toContain(`SECRET-${secret}`);
      }),
    );
  });
});

describe('outputTail', () => {
  it('keeps the last lines and says when it cut', () => {
    expect(outputTail('a\nb\nc\n', 2, 100)).toEqual({ tail: 'b\nc', truncated: true });
    expect(outputTail('a\nb', 5, 100)).toEqual({ tail: 'a\nb', truncated: false });
    expect(outputTail('first\n' + 'x'.repeat(50), 10, 20)).toEqual({ tail: 'x'.repeat(20), truncated: true });
    expect(outputTail('aaaa\nbbbb\ncccc', 10, 8)).toEqual({ tail: 'cccc', truncated: true });
  });
  it('never exceeds its limits (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 200 }), (s, lines, chars) => {
        const { tail } = outputTail(s, lines, chars);
        expect(tail.length).toBeLessThanOrEqual(chars);
        expect(tail.split('\n').length).toBeLessThanOrEqual(lines);
        expect(s.endsWith(tail) || s.endsWith(`${tail}\n`)).toBe(true);
      }),
    );
  });
});

describe('next update', () => {
  const now = new Date('2026-03-03T10:00:00Z');
  it('defaults from the severity, may be set or cleared per update', () => {
    expect(nextUpdateDue(now, 30, undefined)?.toISOString()).toBe('2026-03-03T10:30:00.000Z');
    expect(nextUpdateDue(now, 30, 10)?.toISOString()).toBe('2026-03-03T10:10:00.000Z');
    expect(nextUpdateDue(now, 30, null)).toBeNull();
    expect(nextUpdateDue(now, null, undefined)).toBeNull();
  });
  it('is due once per promised time, never for a resolved incident', () => {
    const due = new Date('2026-03-03T09:59:00Z');
    expect(updateReminderDue({ status: 'investigating', nextUpdateAt: due, remindedFor: null }, now)).toBe(true);
    expect(updateReminderDue({ status: 'investigating', nextUpdateAt: due, remindedFor: due }, now)).toBe(false);
    expect(updateReminderDue({ status: 'investigating', nextUpdateAt: now, remindedFor: new Date(0) }, now)).toBe(true);
    expect(updateReminderDue({ status: 'resolved', nextUpdateAt: due, remindedFor: null }, now)).toBe(false);
    expect(updateReminderDue({ status: 'monitoring', nextUpdateAt: new Date(now.getTime() + 1), remindedFor: null }, now)).toBe(false);
    expect(updateReminderDue({ status: 'monitoring', nextUpdateAt: null, remindedFor: null }, now)).toBe(false);
  });
  it('reminds the communicator, else the commander', () => {
    expect(reminderRecipient([{ role: 'commander', userId: 'c' }, { role: 'communicator', userId: 'm' }])?.userId).toBe('m');
    expect(reminderRecipient([{ role: 'responder', userId: 'r' }, { role: 'commander', userId: 'c' }])?.userId).toBe('c');
    expect(reminderRecipient([{ role: 'scribe', userId: 's' }])).toBeNull();
  });
});

describe('templates, statuses, markdown', () => {
  it('fills known placeholders and keeps unknown ones', () => {
    expect(fillTemplate('{{title}} ({{ severity }}) {{oops}}', { title: 'Checkout down', severity: 'SEV1' })).toBe('Checkout down (SEV1) {{oops}}');
  });
  it('names status moves', () => {
    expect(statusChange('investigating', 'resolved')).toBe('resolve');
    expect(statusChange('resolved', 'investigating')).toBe('reopen');
    expect(statusChange('identified', 'monitoring')).toBe('change');
    expect(statusChange('monitoring', 'monitoring')).toBe('none');
  });
  it('renders markdown and strips anything dangerous', () => {
    const html = renderMarkdown('**Rolled back** [dash](https://grafana.example/d) <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))');
    expect(html).toContain('<strong>Rolled back</strong>');
    expect(html).toContain('href="https://grafana.example/d"');
    expect(html).toContain('rel="noopener noreferrer nofollow"');
    expect(html).not.toMatch(/script|onerror|<img|javascript:/i);
  });
});

describe('touchesSleep', () => {
  const night = { start: '22:00', end: '08:00' };
  it('sees a night in the person’s own zone', () => {
    // 03:00 UTC is 04:00 in Berlin: asleep
    expect(touchesSleep(new Date('2026-03-03T03:00:00Z'), new Date('2026-03-03T03:30:00Z'), 'Europe/Berlin', night)).toBe(true);
    // 14:00 UTC is afternoon in Berlin; 11:00 UTC is 06:00 in New York (asleep)
    expect(touchesSleep(new Date('2026-03-03T14:00:00Z'), new Date('2026-03-03T15:00:00Z'), 'Europe/Berlin', night)).toBe(false);
    expect(touchesSleep(new Date('2026-03-03T11:00:00Z'), new Date('2026-03-03T12:30:00Z'), 'America/New_York', night)).toBe(true);
  });
  it('counts an incident that starts before and ends after the night', () => {
    expect(touchesSleep(new Date('2026-03-03T20:00:00Z'), new Date('2026-03-04T09:00:00Z'), 'UTC', night)).toBe(true);
    expect(touchesSleep(new Date('2026-03-03T10:00:00Z'), new Date('2026-03-03T11:00:00Z'), 'UTC', { start: '01:00', end: '06:00' })).toBe(false);
  });
});
