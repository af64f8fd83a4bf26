import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PendingNotification, bundle, bundleKey, listBundle } from './bundling.js';

const NOW = Date.parse('2026-03-03T03:00:00Z');
const KEYS = [
  ['ana', 'sms'],
  ['ana', 'voice'],
  ['bo', 'sms'],
] as const;

const arbItems = (spreadSeconds: number) =>
  fc
    .array(
      fc.record({
        key: fc.constantFrom(...KEYS),
        dueOffsetMs: fc.integer({ min: -spreadSeconds * 1000, max: spreadSeconds * 1000 }),
        alert: fc.integer({ min: 1, max: 5 }),
        urgency: fc.constantFrom('high' as const, 'low' as const),
      }),
      { maxLength: 40 },
    )
    .map((raw) =>
      raw.map(
        (r, i): PendingNotification => ({
          id: `n${i}`,
          personId: r.key[0],
          method: r.key[1],
          dueAt: new Date(NOW + r.dueOffsetMs),
          alertId: `a${r.alert}`,
          summary: `alert ${r.alert}`,
          urgency: r.urgency,
        }),
      ),
    );
const arbOptions = fc.record({ windowSeconds: fc.constantFrom(0, 5, 30), maxItems: fc.integer({ min: 1, max: 6 }) });
const arbLastSent = fc
  .array(fc.tuple(fc.constantFrom(...KEYS), fc.integer({ min: 0, max: 60_000 })), { maxLength: 3 })
  .map((entries) => new Map(entries.map(([[p, m], ago]) => [bundleKey(p, m), new Date(NOW - ago)])));

describe('bundling properties', () => {
  it('sends or holds every item exactly once, and only due items in well-formed messages', () => {
    fc.assert(
      fc.property(arbItems(60), arbOptions, arbLastSent, (pending, options, lastSentAt) => {
        const { send, hold } = bundle(pending, new Date(NOW), { ...options, lastSentAt });
        const sent = send.flatMap((b) => b.items);
        expect([...sent, ...hold].map((i) => i.id).sort()).toEqual(pending.map((i) => i.id).sort());
        for (const b of send) {
          expect(b.items.length).toBeGreaterThanOrEqual(1);
          expect(b.items.length).toBeLessThanOrEqual(options.maxItems);
          for (const i of b.items) {
            expect([i.personId, i.method]).toEqual([b.personId, b.method]);
            expect(i.dueAt.getTime()).toBeLessThanOrEqual(NOW);
          }
        }
      }),
    );
  });

  it('holds a due item only while it has waited less than the window', () => {
    fc.assert(
      fc.property(arbItems(60), arbOptions, arbLastSent, (pending, options, lastSentAt) => {
        const { hold, wakeAt } = bundle(pending, new Date(NOW), { ...options, lastSentAt });
        for (const i of hold) {
          const due = i.dueAt.getTime();
          if (due <= NOW) expect(NOW - due).toBeLessThan(options.windowSeconds * 1000);
          expect(wakeAt!.getTime()).toBeLessThanOrEqual(due <= NOW ? due + options.windowSeconds * 1000 : due);
        }
        if (hold.length > 0) expect(wakeAt!.getTime()).toBeGreaterThan(NOW);
        else expect(wakeAt).toBeNull();
      }),
    );
  });

  it('never holds a high-urgency item while sending a low one for the same person and method', () => {
    fc.assert(
      fc.property(arbItems(60), arbOptions, arbLastSent, (pending, options, lastSentAt) => {
        const { send, hold } = bundle(pending, new Date(NOW), { ...options, lastSentAt });
        for (const b of send) {
          if (!b.items.some((i) => i.urgency === 'low')) continue;
          const heldHigh = hold.filter((i) => i.personId === b.personId && i.method === b.method && i.urgency === 'high' && i.dueAt.getTime() <= NOW);
          expect(heldHigh).toEqual([]);
        }
      }),
    );
  });

  it('run by an engine that wakes when told: nothing is lost or sent twice, nothing waits past its window, and a page after a quiet spell goes at once', () => {
    fc.assert(
      fc.property(arbItems(120), arbOptions, (items, options) => {
        const windowMs = options.windowSeconds * 1000;
        const sentAt = new Map<string, number>();
        const sendsByKey = new Map<string, number[]>();
        const lastSentAt = new Map<string, Date>();
        let pending = items;
        let now = Math.min(...items.map((i) => i.dueAt.getTime()));
        for (let round = 0; pending.length > 0; round++) {
          expect(round).toBeLessThan(1000);
          const r = bundle(pending, new Date(now), { ...options, lastSentAt });
          for (const b of r.send) {
            const key = bundleKey(b.personId, b.method);
            for (const i of b.items) {
              expect(sentAt.has(i.id)).toBe(false);
              sentAt.set(i.id, now);
            }
            lastSentAt.set(key, new Date(now));
            sendsByKey.set(key, [...(sendsByKey.get(key) ?? []), now]);
          }
          pending = r.hold;
          if (r.wakeAt === null) break;
          expect(r.wakeAt.getTime()).toBeGreaterThan(now);
          now = r.wakeAt.getTime();
        }
        expect(sentAt.size).toBe(items.length);
        for (const i of items) {
          const due = i.dueAt.getTime();
          const at = sentAt.get(i.id)!;
          expect(at).toBeGreaterThanOrEqual(due);
          expect(at - due).toBeLessThanOrEqual(windowMs);
          const sendsBefore = (sendsByKey.get(bundleKey(i.personId, i.method)) ?? []).filter((s) => s < due);
          if (sendsBefore.every((s) => due - s >= windowMs)) expect(at).toBe(due);
        }
      }),
    );
  });
});

/** The listing rule said plainly: each alert's most pressing notification, ranked, the first few. */
function referenceListing(items: readonly PendingNotification[], maxListed: number) {
  const rank = (i: PendingNotification) => [i.urgency === 'high' ? 0 : 1, i.dueAt.getTime(), i.alertNumber ?? 0] as const;
  const before = (a: PendingNotification, b: PendingNotification) => {
    const [x, y] = [rank(a), rank(b)];
    for (let k = 0; k < x.length; k++) if (x[k] !== y[k]) return x[k]! < y[k]!;
    return a.id < b.id;
  };
  const best = new Map<string, PendingNotification>();
  for (const i of items) {
    const seen = best.get(i.alertId);
    if (!seen || before(i, seen)) best.set(i.alertId, i);
  }
  const ranked = [...best.values()].sort((a, b) => (before(a, b) ? -1 : before(b, a) ? 1 : 0));
  return { listed: ranked.slice(0, maxListed).map((i) => i.id), more: Math.max(0, ranked.length - maxListed) };
}

describe('bundle listing properties', () => {
  const arbStorm = fc
    .array(
      fc.record({
        alert: fc.integer({ min: 1, max: 60 }),
        dueOffsetMs: fc.integer({ min: -5, max: 0 }).map((s) => s * 1000),
        urgency: fc.constantFrom('high' as const, 'low' as const),
      }),
      { maxLength: 250 },
    )
    .map((raw) =>
      raw.map(
        (r, i): PendingNotification => ({
          id: `n${String(i).padStart(3, '0')}`,
          personId: 'ana',
          method: 'sms',
          dueAt: new Date(NOW + r.dueOffsetMs),
          alertId: `a${r.alert}`,
          alertNumber: r.alert,
          summary: `alert ${r.alert}`,
          urgency: r.urgency,
        }),
      ),
    );

  it('never lists more than the cap, lists each alert once, and counts every alert exactly once', () => {
    fc.assert(
      fc.property(arbStorm, fc.integer({ min: 1, max: 25 }), (items, maxListed) => {
        const { listed, more } = listBundle(items, maxListed);
        const alerts = new Set(items.map((i) => i.alertId));
        expect(listed.length).toBeLessThanOrEqual(maxListed);
        expect(new Set(listed.map((i) => i.alertId)).size).toBe(listed.length);
        expect(listed.length + more).toBe(alerts.size);
        if (alerts.size > 0) expect(listed.length).toBeGreaterThan(0);
      }),
    );
  });

  it('lists the same alerts as the plain reference: pages before low ones, oldest first', () => {
    fc.assert(
      fc.property(arbStorm, fc.integer({ min: 1, max: 25 }), (items, maxListed) => {
        const { listed, more } = listBundle(items, maxListed);
        expect({ listed: listed.map((i) => i.id), more }).toEqual(referenceListing(items, maxListed));
      }),
    );
  });
});
