import { CreatePublicIncident, CreateStatuspageComponent } from '@operable/shared';
import { listChecks } from '../checks/index.js';
import type { Ctx } from '../lib/context.js';
import { createPublicIncident, createStatuspageComponent, listStatuspageComponents, postPublicUpdate, updateStatuspageSettings } from '../statuspage/index.js';
import type { DemoPart } from './load-demo.js';

/** Three groups of four components; those named after a demo service follow its open alerts, the website the demo's check of the web app. */
const GROUPS: { name: string; components: [string, string | null][] }[] = [
  { name: 'Shop', components: [['Website', null], ['Checkout', 'checkout-api'], ['Payments', 'payment-processor'], ['Billing', 'billing-worker']] },
  { name: 'Platform', components: [['Public API', 'api-gateway'], ['Sign-in', 'identity'], ['Database', 'postgres-main'], ['Webhooks', null]] },
  { name: 'Mobile', components: [['iOS and Android apps', 'mobile-bff'], ['Push notifications', 'push-notifications'], ['Email delivery', null], ['File uploads', null]] },
];

/**
 * The demo's public status page: 12 components in 3 groups, one resolved incident
 * with its timeline and one maintenance scheduled for tomorrow. Loaded once: a page
 * that has components already is left alone.
 */
export async function loadStatuspageDemo(ctx: Ctx, serviceIds: Map<string, string>, part: DemoPart): Promise<void> {
  if ((await listStatuspageComponents(ctx)).length) {
    part.skipped.push('status page');
    return;
  }
  await updateStatuspageSettings(ctx, { name: 'Acme Shop', contactEmail: 'support@acme.example', contactText: 'Something wrong that is not shown here? Write to us.' });
  const ids = new Map<string, string>();
  const webCheck = (await listChecks(ctx)).find((c) => c.name === 'Operable web app');
  const checkOf = (name: string) => (name === 'Website' && webCheck ? [{ kind: 'check' as const, id: webCheck.id, failingStatus: 'major_outage' as const }] : []);
  for (const [g, group] of GROUPS.entries()) {
    const parent = await createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: group.name, isGroup: true, position: g }));
    for (const [i, [name, service]] of group.components.entries()) {
      const serviceId = service ? serviceIds.get(service) : undefined;
      const c = await createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name, groupId: parent.id, position: i, sources: [...(serviceId ? [{ kind: 'service' as const, id: serviceId }] : []), ...checkOf(name)] }));
      ids.set(name, c.id);
    }
  }
  const now = ctx.clock.now().getTime();
  const incident = await createPublicIncident(
    ctx,
    CreatePublicIncident.parse({ kind: 'incident', name: 'Card payments failing for some customers', impact: 'major', body: 'We are investigating failed card payments at checkout.', componentStatuses: { [ids.get('Payments')!]: 'partial_outage' }, deliverNotifications: false }),
  );
  await postPublicUpdate(ctx, incident.id, { status: 'identified', body: 'A certificate on our payment provider connection expired. We are replacing it.', deliverNotifications: false, nextUpdateAt: new Date(now + 30 * 60_000).toISOString() });
  await postPublicUpdate(ctx, incident.id, { status: 'resolved', body: 'The new certificate is in place and payments succeed again. We are adding expiry alerts for every certificate.', deliverNotifications: false });
  await createPublicIncident(
    ctx,
    CreatePublicIncident.parse({
      kind: 'maintenance',
      name: 'Database upgrade',
      body: 'We will upgrade the main database to a new major version. Checkout may be slow for up to 20 minutes.',
      scheduledFor: new Date(now + 24 * 3_600_000).toISOString(),
      scheduledUntil: new Date(now + 25 * 3_600_000).toISOString(),
      componentIds: [ids.get('Database')!, ids.get('Checkout')!],
      deliverNotifications: false,
    }),
  );
  part.created.push(`status page (12 components in 3 groups, 1 past incident, 1 scheduled maintenance)`);
}
