import { CheckInput } from '@operable/shared';
import { createCheck, listChecks } from '../checks/index.js';
import type { Ctx } from '../lib/context.js';
import type { DemoPart } from './load-demo.js';

/** The demo's checks watch this very server, on the platform team's gateway service. */
const SERVICE = 'api-gateway';

/**
 * Synthetic checks against the server itself (its public URL): the health and
 * readiness endpoints, the web app and its port. The URL is usually on this machine,
 * so the checks may reach internal addresses (the demo loads as an admin).
 */
export async function loadDemoChecks(ctx: Ctx, serviceIds: Map<string, string>, part: DemoPart): Promise<void> {
  const serviceId = serviceIds.get(SERVICE);
  if (!serviceId) return;
  const url = new URL(ctx.settings.publicUrl);
  const base = url.origin;
  const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
  const common = { serviceId, allowInternal: true, retries: 1 };
  const wanted = [
    { ...common, name: 'Operable health', kind: 'http', intervalSeconds: 30, http: { url: `${base}/healthz`, keyword: 'ok' } },
    { ...common, name: 'Operable readiness', kind: 'http', intervalSeconds: 60, http: { url: `${base}/readyz`, maxLatencyMs: 2000 } },
    { ...common, name: 'Operable web app', kind: 'http', intervalSeconds: 300, http: { url: `${base}/`, keyword: '<title>Operable</title>' } },
    { ...common, name: 'Operable port', kind: 'tcp', intervalSeconds: 60, tcp: { host: url.hostname, port } },
    ...(url.protocol === 'https:' ? [{ ...common, name: 'Operable certificate', kind: 'tls', intervalSeconds: 3600, tls: { host: url.hostname, port, minDaysLeft: 14 } }] : []),
  ];
  const existing = new Set((await listChecks(ctx, { serviceId })).map((c) => c.name.toLowerCase()));
  for (const check of wanted) {
    if (existing.has(check.name.toLowerCase())) {
      part.skipped.push(check.name);
      continue;
    }
    part.created.push((await createCheck(ctx, CheckInput.parse(check))).name);
  }
}
