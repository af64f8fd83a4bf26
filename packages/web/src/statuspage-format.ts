import type { ComponentStatus, PublicIncident, StatuspageComponent, StatuspageSubscriber } from '@operable/shared';

/** Words for the statuses, as the public page says them. */
export const COMPONENT_STATUS_LABELS: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

export const PUBLIC_STATUS_LABELS: Record<PublicIncident['status'], string> = {
  investigating: 'Investigating',
  identified: 'Identified',
  monitoring: 'Monitoring',
  resolved: 'Resolved',
  postmortem: 'Post-mortem',
  scheduled: 'Scheduled',
  in_progress: 'In progress',
  verifying: 'Verifying',
  completed: 'Completed',
};

export const INCIDENT_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved', 'postmortem'] as const;
export const MAINTENANCE_STATUSES = ['scheduled', 'in_progress', 'verifying', 'completed'] as const;
export const IMPACTS = ['none', 'minor', 'major', 'critical'] as const;
export const IMPACT_LABELS: Record<(typeof IMPACTS)[number], string> = { none: 'None', minor: 'Minor', major: 'Major', critical: 'Critical' };

/** Badge tone of a component status: what a glance must tell apart. */
export function statusTone(status: ComponentStatus): 'bad' | 'warn' | 'ok' | 'info' {
  if (status === 'major_outage' || status === 'partial_outage') return 'bad';
  if (status === 'degraded_performance') return 'warn';
  if (status === 'under_maintenance') return 'info';
  return 'ok';
}

const CLOSED = new Set<PublicIncident['status']>(['resolved', 'postmortem', 'completed']);
export const isOpen = (i: Pick<PublicIncident, 'status'>) => !CLOSED.has(i.status);

export interface ComponentBlock {
  group: StatuspageComponent | null;
  members: StatuspageComponent[];
}

/** The page's order: groups and lone components by position, each group followed by its members. */
export function componentBlocks(items: StatuspageComponent[]): ComponentBlock[] {
  const byPosition = (a: StatuspageComponent, b: StatuspageComponent) => a.position - b.position || a.name.localeCompare(b.name);
  const top = items.filter((c) => !c.groupId).sort(byPosition);
  return top.map((c) => (c.isGroup ? { group: c, members: items.filter((m) => m.groupId === c.id).sort(byPosition) } : { group: null, members: [c] }));
}

/** Components an incident can name (groups show their members). */
export const leafComponents = (items: StatuspageComponent[]) => componentBlocks(items).flatMap((b) => b.members);

/** What follows a component, in words: "Follows: Checkout (service), Checkout probe (check)". */
export function followsText(c: StatuspageComponent): string | null {
  if (!c.sources.length) return null;
  return `Follows ${c.sources.map((s) => `${s.name ?? 'a deleted ' + s.kind} (${s.kind})`).join(', ')}`;
}

/** What a subscriber hears about, in words; a component removed since is named as such. */
export function subscriberFollows(s: Pick<StatuspageSubscriber, 'componentIds'>, components: Pick<StatuspageComponent, 'id' | 'name'>[]): string {
  if (!s.componentIds.length) return 'The whole page';
  const names = s.componentIds.map((id) => components.find((c) => c.id === id)?.name ?? 'a removed component');
  return `Only ${names.join(', ')}`;
}

/** Where a subscriber stands: a webhook is live once added; an email address only once its owner follows the link. */
export function subscriberState(s: Pick<StatuspageSubscriber, 'kind' | 'confirmed'>): { label: string; pending: boolean } {
  if (s.kind === 'webhook') return { label: 'Webhook', pending: false };
  return s.confirmed ? { label: 'Email, confirmed', pending: false } : { label: 'Email, waiting for confirmation', pending: true };
}

/** Case-blind search over the address, so one person is found among thousands. */
export const matchesSubscriber = (s: Pick<StatuspageSubscriber, 'address'>, query: string) => s.address.toLowerCase().includes(query.trim().toLowerCase());
