import type { StatuspageComponent } from '@operable/shared';
import { describe, expect, it } from 'vitest';
import { componentBlocks, followsText, isOpen, leafComponents, matchesSubscriber, statusTone, subscriberFollows, subscriberState } from './statuspage-format';

const c = (id: string, more: Partial<StatuspageComponent> = {}): StatuspageComponent => ({
  id,
  name: id,
  description: '',
  isGroup: false,
  groupId: null,
  position: 0,
  showcase: true,
  onlyShowIfDegraded: false,
  startDate: null,
  status: 'operational',
  manualStatus: null,
  automaticStatus: 'operational',
  manualOverride: false,
  sources: [],
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  ...more,
});

describe('status page admin wording and order', () => {
  it('orders groups and lone components by position, members under their group', () => {
    const items = [c('web', { position: 2 }), c('api', { groupId: 'core', position: 1 }), c('core', { isGroup: true, position: 1 }), c('db', { groupId: 'core', position: 0 })];
    expect(componentBlocks(items).map((b) => [b.group?.id ?? null, b.members.map((m) => m.id)])).toEqual([
      ['core', ['db', 'api']],
      [null, ['web']],
    ]);
    expect(leafComponents(items).map((m) => m.id)).toEqual(['db', 'api', 'web']);
  });

  it('says what a component follows, deleted sources included', () => {
    expect(followsText(c('a'))).toBeNull();
    expect(followsText(c('a', { sources: [{ kind: 'service', id: 's', name: 'Checkout', failingStatus: 'partial_outage' }, { kind: 'check', id: 'k', name: null, failingStatus: 'major_outage' }] }))).toBe(
      'Follows Checkout (service), a deleted check (check)',
    );
  });

  it('tells outages from degradation and maintenance; closed statuses are not open', () => {
    expect(statusTone('major_outage')).toBe('bad');
    expect(statusTone('degraded_performance')).toBe('warn');
    expect(statusTone('under_maintenance')).toBe('info');
    expect(statusTone('operational')).toBe('ok');
    expect(isOpen({ status: 'monitoring' })).toBe(true);
    expect(isOpen({ status: 'postmortem' })).toBe(false);
    expect(isOpen({ status: 'completed' })).toBe(false);
  });

  it('says what a subscriber follows and where it stands, and finds one by part of its address', () => {
    const comps = [c('api', { name: 'Payments API' }), c('web', { name: 'Website' })];
    expect(subscriberFollows({ componentIds: [] }, comps)).toBe('The whole page');
    expect(subscriberFollows({ componentIds: ['api', 'gone'] }, comps)).toBe('Only Payments API, a removed component');
    expect(subscriberState({ kind: 'email', confirmed: false })).toEqual({ label: 'Email, waiting for confirmation', pending: true });
    expect(subscriberState({ kind: 'email', confirmed: true })).toEqual({ label: 'Email, confirmed', pending: false });
    expect(subscriberState({ kind: 'webhook', confirmed: true })).toEqual({ label: 'Webhook', pending: false });
    expect(matchesSubscriber({ address: 'Ann@Example.com' }, ' ann@ex ')).toBe(true);
    expect(matchesSubscriber({ address: 'ann@example.com' }, 'bob')).toBe(false);
  });
});
