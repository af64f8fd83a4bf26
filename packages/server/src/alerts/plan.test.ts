import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { planTriggers, type FreshAlert, type PlanInput, type PlanService } from './plan.js';
import type { MaintenanceWindow, StormGroup } from './rules/index.js';

const now = new Date('2026-03-10T09:00:00Z');
const svc = (policyId: string | null, stormWindowSeconds = 300): PlanService => ({ policyId, stormWindowSeconds });
const fresh = (id: string, serviceId = 's1', extra: Partial<FreshAlert> = {}): FreshAlert => ({ id, serviceId, urgency: 'high', source: 'test', ...extra });
const plan = (input: Partial<PlanInput> & Pick<PlanInput, 'fresh'>) =>
  planTriggers({ now, services: new Map([['s1', svc('p1')]]), groups: new Map(), windows: [], ...input });

describe('planTriggers', () => {
  it('a storm in one batch pages once: the first alert leads, the rest join it', () => {
    const p = plan({ fresh: ['a', 'b', 'c'].map((id) => fresh(id)) });
    expect(p.alerts.get('a')).toEqual({ groupLeaderId: null, groupSize: 3, suppressedBy: null, outcome: 'paging' });
    expect(p.alerts.get('b')).toEqual({ groupLeaderId: 'a', groupSize: 1, suppressedBy: null, outcome: 'grouped' });
    expect(p.alerts.get('c')).toMatchObject({ groupLeaderId: 'a', outcome: 'grouped' });
    expect(p.starts).toEqual([{ alertId: 'a', policyId: 'p1' }]);
    expect(p.joinedEarlierLeaders.size).toBe(0);
    // One log row per alert, even in a storm: a join is noted on it.
    expect(p.log.map((l) => `${l.alertId}:${l.event}`)).toEqual(['a:triggered', 'b:triggered', 'c:triggered']);
    expect(p.log[1]!.details).toEqual({ urgency: 'high', source: 'test', leaderId: 'a' });
  });

  it('joins a group led by an alert from an earlier batch, and counts it for that leader', () => {
    const earlier: StormGroup = { leaderId: 'old', startedAt: new Date(now.getTime() - 60_000), lastAlertAt: now, size: 4, resolved: false };
    const groups = new Map([['s1', [earlier]]]);
    const p = plan({ groups, fresh: [fresh('a'), fresh('b')] });
    expect([...p.alerts.values()].map((a) => a.groupLeaderId)).toEqual(['old', 'old']);
    expect(p.joinedEarlierLeaders).toEqual(new Map([['old', 2]]));
    expect(p.starts).toEqual([]);
    expect(earlier.size).toBe(4); // the caller's context is not changed
  });

  it('a group older than the window is not joined: the alert pages and leads a new one', () => {
    const stale: StormGroup = { leaderId: 'old', startedAt: new Date(now.getTime() - 300_000), lastAlertAt: now, size: 9, resolved: false };
    const p = plan({ groups: new Map([['s1', [stale]]]), fresh: [fresh('a'), fresh('b')] });
    expect(p.alerts.get('a')).toMatchObject({ groupLeaderId: null, groupSize: 2, outcome: 'paging' });
    expect(p.alerts.get('b')).toMatchObject({ groupLeaderId: 'a' });
  });

  it('maintenance suppresses and keeps the record; the suppressed alert leads no group', () => {
    const window: MaintenanceWindow = { id: 'm1', kind: 'once', serviceIds: ['s1'], startsAt: new Date(now.getTime() - 1), endsAt: new Date(now.getTime() + 60_000) };
    const p = plan({ windows: [window], services: new Map([['s1', svc('p1')], ['s2', svc('p1')]]), fresh: [fresh('a'), fresh('b'), fresh('c', 's2')] });
    expect(p.alerts.get('a')).toEqual({ groupLeaderId: null, groupSize: 1, suppressedBy: 'm1', outcome: 'suppressed' });
    expect(p.alerts.get('b')).toMatchObject({ suppressedBy: 'm1', outcome: 'suppressed' });
    expect(p.alerts.get('c')).toMatchObject({ suppressedBy: null, outcome: 'paging' });
    expect(p.starts.map((s) => s.alertId)).toEqual(['c']);
    expect(p.log.filter((l) => l.event === 'suppressed').map((l) => l.details)).toEqual([{ maintenanceWindowId: 'm1' }, { maintenanceWindowId: 'm1' }]);
  });

  it('a person paged by name is paged through maintenance and storms', () => {
    const window: MaintenanceWindow = { id: 'm1', kind: 'once', serviceIds: 'all', startsAt: new Date(0), endsAt: new Date(now.getTime() + 1) };
    const targets = [{ type: 'user' as const, userId: 'u1' }];
    const p = plan({ windows: [window], fresh: [fresh('a', 's1', { directTargets: targets }), fresh('b', 's1', { directTargets: targets })] });
    expect(p.starts).toEqual([
      { alertId: 'a', policyId: null, directTargets: targets },
      { alertId: 'b', policyId: null, directTargets: targets },
    ]);
    expect([...p.alerts.values()].every((a) => a.outcome === 'paging' && a.groupLeaderId === null && a.suppressedBy === null)).toBe(true);
  });

  it('without a policy nothing pages, but the first alert still leads the storm group', () => {
    const p = plan({ services: new Map([['s1', svc(null)]]), fresh: [fresh('a'), fresh('b')] });
    expect(p.alerts.get('a')).toMatchObject({ outcome: 'no_policy', groupSize: 2 });
    expect(p.alerts.get('b')).toMatchObject({ outcome: 'grouped', groupLeaderId: 'a' });
    expect(p.log.find((l) => l.event === 'not_paged')!.details).toEqual({ reason: 'The service has no escalation policy' });
    expect(p.starts).toEqual([]);
  });

  it('with storm grouping off every alert pages', () => {
    const p = plan({ services: new Map([['s1', svc('p1', 0)]]), fresh: [fresh('a'), fresh('b')] });
    expect(p.starts.map((s) => s.alertId)).toEqual(['a', 'b']);
  });

  it('refuses an alert for a service it has no settings for', () => {
    expect(() => plan({ fresh: [fresh('a', 'nowhere')] })).toThrow(/nowhere/);
  });

  const arbitraryInput = fc
    .record({
      services: fc.array(fc.record({ policy: fc.boolean(), window: fc.constantFrom(0, 60, 300) }), { minLength: 1, maxLength: 3 }),
      earlier: fc.array(fc.record({ service: fc.nat(2), agoSeconds: fc.integer({ min: 0, max: 400 }), size: fc.integer({ min: 1, max: 5 }) }), { maxLength: 3 }),
      alerts: fc.array(fc.record({ service: fc.nat(2), direct: fc.boolean(), muted: fc.boolean() }), { minLength: 1, maxLength: 40 }),
    })
    .map(({ services, earlier, alerts }): PlanInput => {
      const ids = services.map((_, i) => `s${i}`);
      const groups = new Map<string, StormGroup[]>();
      earlier.forEach((e, i) => {
        const service = ids[e.service % ids.length]!;
        groups.set(service, [...(groups.get(service) ?? []), { leaderId: `old${i}`, startedAt: new Date(now.getTime() - e.agoSeconds * 1000), lastAlertAt: now, size: e.size, resolved: false }]);
      });
      return {
        now,
        services: new Map(services.map((s, i) => [ids[i]!, svc(s.policy ? `p${i}` : null, s.window)])),
        groups,
        windows: [{ id: 'm', kind: 'once', serviceIds: alerts.some((a) => a.muted) ? [ids[0]!] : [], startsAt: new Date(0), endsAt: new Date(now.getTime() + 1) }],
        fresh: alerts.map((a, i) => fresh(`a${i}`, ids[a.service % ids.length], a.direct ? { directTargets: [{ type: 'user', userId: 'u' }] } : {})),
      };
    });

  it('always: one plan and one "triggered" line per alert (naming the leader it joined); group sizes add up; leaders exist; a storm pages each service at most once', () => {
    fc.assert(
      fc.property(arbitraryInput, (input) => {
        const p = planTriggers(input);
        expect(p.alerts.size).toBe(input.fresh.length);
        for (const a of input.fresh) expect(p.log.filter((l) => l.alertId === a.id && l.event === 'triggered')).toHaveLength(1);

        const grouped = [...p.alerts.values()].filter((a) => a.outcome === 'grouped');
        const joinedInBatch = [...p.alerts.values()].reduce((n, a) => n + a.groupSize - 1, 0);
        const joinedEarlier = [...p.joinedEarlierLeaders.values()].reduce((n, k) => n + k, 0);
        expect(joinedInBatch + joinedEarlier).toBe(grouped.length);

        const earlierLeaders = new Set([...input.groups.values()].flat().map((g) => g.leaderId));
        const seen = new Set<string>();
        for (const a of input.fresh) {
          const planned = p.alerts.get(a.id)!;
          // A join is logged on the alert's one "triggered" row, never as a second row.
          expect(p.log.find((l) => l.alertId === a.id && l.event === 'triggered')!.details).toEqual({ urgency: a.urgency, source: a.source, ...(planned.outcome === 'grouped' ? { leaderId: planned.groupLeaderId } : {}) });
          if (planned.groupLeaderId) {
            const leader = p.alerts.get(planned.groupLeaderId);
            // A leader is an earlier group's or one decided before this alert, in the same service, not itself grouped.
            expect(earlierLeaders.has(planned.groupLeaderId) || (seen.has(planned.groupLeaderId) && leader!.groupLeaderId === null)).toBe(true);
            expect(planned.outcome).toBe('grouped');
          }
          seen.add(a.id);
        }

        for (const [serviceId, s] of input.services) {
          const policyPages = p.starts.filter((st) => st.policyId !== null && input.fresh.find((f) => f.id === st.alertId)!.serviceId === serviceId);
          if (s.stormWindowSeconds > 0) expect(policyPages.length).toBeLessThanOrEqual(1);
          if (!s.policyId) expect(policyPages).toHaveLength(0);
        }
        const direct = input.fresh.filter((f) => f.directTargets).map((f) => f.id);
        expect(p.starts.filter((st) => st.directTargets).map((st) => st.alertId)).toEqual(direct);
      }),
      { numRuns: 300 },
    );
  });
});
