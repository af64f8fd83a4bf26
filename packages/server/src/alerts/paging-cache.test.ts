import { describe, expect, it } from 'vitest';
import { PagingCache, recalledContext } from './paging-cache.js';
import type { PagingContextRow } from './trigger-repository.js';

const T0 = new Date('2026-03-03T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

function row(serviceId: string, extra: Partial<PagingContextRow> = {}): PagingContextRow {
  return { service_id: serviceId, escalation_policy_id: 'p', storm_window_seconds: 60, alerts_version: 7, leaders: [], open: [], windows: [], ...extra };
}

describe('paging cache', () => {
  it('recalls all of a batch’s services or none', () => {
    const cache = new PagingCache();
    cache.remember([row('a')]);
    expect(cache.recall(['a'])?.get('a')?.version).toBe(7);
    expect(cache.recall(['a', 'b'])).toBeNull();
  });

  it('a service another writer raced for is contended for two seconds, then optimism returns', () => {
    const cache = new PagingCache();
    cache.contend(['a'], 1_000);
    expect(cache.contended(['a'], 1_000)).toBe(true);
    expect(cache.contended(['b', 'a'], 2_999)).toBe(true);
    expect(cache.contended(['b'], 1_500)).toBe(false);
    expect(cache.contended(['a'], 3_000)).toBe(false);
  });

  it('a write moves the version by one and adds what it opened; a new leader is joinable within the window', () => {
    const cache = new PagingCache();
    cache.remember([row('a', { open: [{ id: 'x', dedup_key: 'kx' }] })]);
    cache.applied({ serviceId: 'a', fromVersion: 7, now: T0, opened: [{ dedupKey: 'ky', id: 'y', leads: { groupSize: 3 } }], touched: [] });
    const entry = cache.recall(['a'])!.get('a')!;
    expect(entry.version).toBe(8);
    const context = recalledContext(entry, ['kx', 'ky', 'kz'], at(59));
    expect(context.alerts_version).toBe(8);
    expect(context.open.map((o) => o.dedup_key)).toEqual(['kx', 'ky']);
    expect(context.leaders).toEqual([{ id: 'y', created_at: T0.toISOString(), last_seen_at: T0.toISOString(), group_size: 3 }]);
    // The storm window is half-open, as the read's `created_at >= now - window`.
    expect(recalledContext(entry, [], at(60)).leaders).toHaveLength(1);
    expect(recalledContext(entry, [], at(60.001)).leaders).toHaveLength(0);
  });

  it('a touched leader’s group grows and it was seen now', () => {
    const cache = new PagingCache();
    cache.remember([row('a', { leaders: [{ id: 'l', created_at: T0.toISOString(), last_seen_at: T0.toISOString(), group_size: 2 }] })]);
    cache.applied({ serviceId: 'a', fromVersion: 7, now: at(5), opened: [], touched: [{ id: 'l', joined: 3 }] });
    expect(cache.recall(['a'])!.get('a')!.row.leaders).toEqual([{ id: 'l', created_at: T0.toISOString(), last_seen_at: at(5).toISOString(), group_size: 5 }]);
  });

  it('forgets a service whose memory another batch replaced, rather than guess', () => {
    const cache = new PagingCache();
    cache.remember([row('a', { alerts_version: 9 })]);
    cache.applied({ serviceId: 'a', fromVersion: 7, now: T0, opened: [], touched: [] });
    expect(cache.recall(['a'])).toBeNull();
  });

  it('no storm window, no leaders', () => {
    const cache = new PagingCache();
    cache.remember([row('a', { storm_window_seconds: 0, leaders: [{ id: 'l', created_at: T0.toISOString(), last_seen_at: T0.toISOString(), group_size: 1 }] })]);
    expect(recalledContext(cache.recall(['a'])!.get('a')!, [], T0).leaders).toEqual([]);
  });

  it('stays bounded: least recently read services and, past the cap, a service’s open keys are dropped', () => {
    const cache = new PagingCache({ services: 2, openKeysPerService: 2 });
    cache.remember([row('a')]);
    cache.remember([row('b')]);
    cache.remember([row('a')]);
    cache.remember([row('c')]);
    expect(cache.recall(['b'])).toBeNull();
    expect(cache.recall(['a', 'c'])).not.toBeNull();
    const opened = ['k1', 'k2', 'k3'].map((k, i) => ({ dedupKey: k, id: k, number: i, leads: null }));
    cache.applied({ serviceId: 'a', fromVersion: 7, now: T0, opened, touched: [] });
    expect(cache.recall(['a'])!.get('a')!.open.size).toBe(0);
  });
});
