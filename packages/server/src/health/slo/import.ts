import type { SloDetail, SloImportInput } from '@operable/shared';
import { recordAudit } from '../../audit/index.js';
import { requireRole } from '../../lib/authorize.js';
import type { Ctx } from '../../lib/context.js';
import { invalid } from '../../lib/errors.js';
import { createSlo } from './slos.js';
import { parseOpenSlo, parseSloth } from './spec-import.js';

/**
 * Creates every SLO of an OpenSLO or Sloth file for one service, in the caller's
 * transaction: one bad SLO (a name taken, an address refused) leaves nothing behind.
 * With `prometheusUrl`, SLOs whose spec has queries read them from that Prometheus;
 * the others (and all without it) take pushed counts.
 */
export async function importSlos(ctx: Ctx, input: SloImportInput): Promise<SloDetail[]> {
  requireRole(ctx.actor, 'responder');
  const parsed = input.format === 'openslo' ? parseOpenSlo(input.spec) : parseSloth(input.spec);
  if (!parsed.ok) throw invalid(parsed.problems.slice(0, 20).map((message) => ({ field: 'spec', message })));
  const created: SloDetail[] = [];
  for (const slo of parsed.slos) {
    const source = slo.queries && input.prometheusUrl ? { type: 'prometheus' as const, url: input.prometheusUrl, ...slo.queries } : { type: 'push' as const };
    created.push(
      await createSlo(ctx, {
        serviceId: input.serviceId,
        name: slo.name.slice(0, 200),
        description: slo.description.slice(0, 5000),
        kind: slo.kind,
        objective: slo.objective,
        windowDays: slo.windowDays,
        latencyThresholdMs: slo.latencyThresholdMs,
        source,
        alerting: slo.alerting,
      }),
    );
  }
  await recordAudit(ctx, { action: 'slo.import', entityType: 'service', entityId: input.serviceId, after: { format: input.format, sloIds: created.map((s) => s.id) } });
  return created;
}
