import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors.js';
import { type PendingNotification, bundle, bundleKey, listBundle, renderBundleText } from './bundling.js';

const NOW = new Date('2026-03-03T03:00:00Z');
const sec = (s: number) => new Date(NOW.getTime() + s * 1000);
let seq = 0;
const item = (over: Partial<PendingNotification> = {}): PendingNotification => {
  seq++;
  return { id: `n${seq}`, personId: 'ana', method: 'sms', dueAt: NOW, alertId: `a${seq}`, summary: `Alert ${seq}`, urgency: 'high', ...over };
};
const recent = (seconds: number, key = bundleKey('ana', 'sms')) => ({ lastSentAt: new Map([[key, sec(-seconds)]]) });
const ids = (xs: readonly PendingNotification[]) => xs.map((x) => x.id);

describe('bundle', () => {
  it('sends the first page at once when nothing went to that person recently', () => {
    const page = item();
    expect(bundle([page], NOW)).toEqual({ send: [{ personId: 'ana', method: 'sms', items: [page] }], hold: [], wakeAt: null });
    expect(bundle([page], NOW, recent(30)).send).toHaveLength(1); // last send exactly one window ago
  });

  it('holds the burst behind a recent send until the oldest has waited the window', () => {
    const a = item({ dueAt: sec(-10) });
    const b = item({ dueAt: sec(-2) });
    const held = bundle([a, b], NOW, recent(12));
    expect(held.send).toEqual([]);
    expect(ids(held.hold)).toEqual(ids([a, b]));
    expect(held.wakeAt).toEqual(sec(20));
    const released = bundle([a, b], sec(20), recent(32));
    expect(released.send).toEqual([{ personId: 'ana', method: 'sms', items: [a, b] }]);
    expect(released.hold).toEqual([]);
  });

  it('releases by the oldest wait even if something was sent very recently', () => {
    const a = item({ dueAt: sec(-30) });
    expect(bundle([a], NOW, recent(1)).send).toHaveLength(1);
  });

  it('keeps not-yet-due items pending and wakes when the first falls due', () => {
    const later = item({ dueAt: sec(45) });
    expect(bundle([later], NOW)).toEqual({ send: [], hold: [later], wakeAt: sec(45) });
  });

  it('bundles per person and per contact method', () => {
    const smsAna = [item(), item()];
    const emailAna = item({ method: 'email' });
    const smsBo = item({ personId: 'bo' });
    const { send } = bundle([smsAna[0]!, emailAna, smsBo, smsAna[1]!], NOW);
    expect(send.map((b) => [b.personId, b.method, ids(b.items)])).toEqual([
      ['ana', 'sms', ids(smsAna)],
      ['ana', 'email', [emailAna.id]],
      ['bo', 'sms', [smsBo.id]],
    ]);
  });

  it('flushes a full group in messages of maxItems and keeps the rest gathering', () => {
    const burst = Array.from({ length: 45 }, (_, i) => item({ dueAt: sec(-20 + i * 0.1) }));
    const r = bundle(burst, NOW, { ...recent(5), maxItems: 20 });
    expect(r.send.map((b) => b.items.length)).toEqual([20, 20]);
    expect(ids(r.hold)).toEqual(ids(burst.slice(40)));
    expect(r.wakeAt).toEqual(sec(14)); // the oldest held one, due at -16 s, reaches 30 s
    const late = bundle(burst, sec(10), { ...recent(15), maxItems: 20 });
    expect(late.send.map((b) => b.items.length)).toEqual([20, 20, 5]);
  });

  it('puts high urgency first, so a split never holds a page behind low ones', () => {
    const lows = Array.from({ length: 3 }, (_, i) => item({ urgency: 'low', dueAt: sec(-20 + i) }));
    const high = item({ dueAt: sec(-1) });
    const r = bundle([...lows, high], NOW, { ...recent(5), maxItems: 3 });
    expect(r.send.map((b) => ids(b.items))).toEqual([[high.id, lows[0]!.id, lows[1]!.id]]);
    expect(ids(r.hold)).toEqual([lows[2]!.id]);
  });

  it('orders messages with pages first, then by due time', () => {
    const low = item({ personId: 'bo', urgency: 'low', dueAt: sec(-50) });
    const high = item({ personId: 'cy', dueAt: sec(-1) });
    expect(bundle([low, high], NOW).send.map((b) => b.personId)).toEqual(['cy', 'bo']);
  });

  it('with a zero window sends everything due at once', () => {
    const r = bundle([item(), item({ dueAt: sec(-1) })], NOW, { ...recent(0), windowSeconds: 0 });
    expect(r.send).toHaveLength(1);
    expect(r.hold).toEqual([]);
  });

  it('keeps the caller’s own item type', () => {
    const extra = { ...item(), outboxId: 42 };
    expect(bundle([extra], NOW).send[0]!.items[0]!.outboxId).toBe(42);
  });

  it('rejects nonsensical options, naming the field', () => {
    expect(() => bundle([], NOW, { windowSeconds: -1 })).toThrow(DomainError);
    expect(() => bundle([], NOW, { maxItems: 0 })).toThrow(expect.objectContaining({ details: { fields: [expect.objectContaining({ field: 'maxItems' })] } }));
  });
});

describe('renderBundleText', () => {
  it('is just the summary for one alert', () => {
    expect(renderBundleText([item({ summary: 'DB primary down' })])).toBe('DB primary down');
  });

  it('counts and lists a few, pages first, low ones marked', () => {
    const text = renderBundleText([
      item({ summary: 'Disk 80%', urgency: 'low' }),
      item({ summary: 'API 5xx' }),
      item({ summary: 'Queue backlog', urgency: 'low', dueAt: sec(1) }),
    ]);
    expect(text).toBe('3 alerts: API 5xx; [low] Disk 80%; [low] Queue backlog');
  });

  it('says how many more it left out', () => {
    const items = Array.from({ length: 7 }, (_, i) => item({ summary: `S${i}`, dueAt: sec(i) }));
    expect(renderBundleText(items)).toBe('7 alerts: S0; S1; S2; and 4 more');
    expect(renderBundleText(items, 5)).toBe('7 alerts: S0; S1; S2; S3; S4; and 2 more');
  });

  it('counts an alert notified twice once', () => {
    expect(renderBundleText([item({ alertId: 'x', summary: 'CPU' }), item({ alertId: 'x', summary: 'CPU' }), item({ summary: 'RAM' })])).toBe(
      '2 alerts: CPU; RAM',
    );
  });

  it('keeps each line short and on one line', () => {
    expect(renderBundleText([item({ summary: `  multi\n line\t${'x'.repeat(200)}` })])).toMatch(/^multi line x+…$/);
    expect(renderBundleText([item({ summary: `${'x'.repeat(200)}` })])).toHaveLength(80);
    expect(renderBundleText([item({ summary: '   ' })])).toBe('(no summary)');
  });

  it('is empty for no items', () => {
    expect(renderBundleText([])).toBe('');
  });
});

describe('listBundle', () => {
  it('lists at most 20 alerts by default and counts the rest', () => {
    const items = Array.from({ length: 200 }, (_, i) => item({ alertNumber: i + 1 }));
    const { listed, more } = listBundle(items);
    expect(listed.map((i) => i.alertNumber)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(more).toBe(180);
  });

  it('lists pages first, then the oldest due, then the oldest alert', () => {
    const low = item({ urgency: 'low', dueAt: sec(-60), alertNumber: 1 });
    const late = item({ dueAt: sec(-5), alertNumber: 2 });
    const older = item({ dueAt: sec(-10), alertNumber: 9 });
    const young = item({ dueAt: sec(-10), alertNumber: 8 });
    expect(ids(listBundle([low, late, older, young], 3).listed)).toEqual(ids([young, older, late]));
    expect(listBundle([low, late, older, young], 3).more).toBe(1);
  });

  it('counts an alert notified twice once', () => {
    const { listed, more } = listBundle([item({ alertId: 'x' }), item({ alertId: 'x' }), item({ alertId: 'y' })], 1);
    expect(listed).toHaveLength(1);
    expect(more).toBe(1);
  });

  it('lists everything when it fits, and nothing for no items', () => {
    expect(listBundle([item(), item()])).toMatchObject({ more: 0 });
    expect(listBundle([])).toEqual({ listed: [], more: 0 });
  });

  it('rejects a cap below one, naming it', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => listBundle([item()], bad)).toThrow(DomainError);
    }
  });
});
