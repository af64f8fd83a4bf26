import { recordAudit } from '../audit/index.js';
import type { Ctx } from '../lib/context.js';
import { automaticDrift, followSources } from './follow.js';
import { bumpVersion, dueMaintenance, insertUpdate, readSettings, updateIncidentRow } from './repository.js';
import { settleStatuses } from './settle.js';

export const MAINTENANCE_STARTED = 'Scheduled maintenance is in progress. We will provide updates as necessary.';
export const MAINTENANCE_COMPLETED = 'The scheduled maintenance has been completed.';

/**
 * The engine's status page work (system actor): components follow their sources,
 * maintenance starts and completes on time. Reads first without a lock, so a round
 * with nothing to do writes nothing and bumps no version. Returns how many changes.
 */
export async function advanceStatuspage(ctx: Ctx): Promise<number> {
  const now = ctx.clock.now();
  const [drift, due] = await Promise.all([automaticDrift(ctx.db), dueMaintenance(ctx.db, now)]);
  if (!drift.length && !due.length) return 0;
  await bumpVersion(ctx.db, now);
  let n = await followSources(ctx.db);
  for (const m of await dueMaintenance(ctx.db, now)) {
    const ending = m.status !== 'scheduled' || (m.scheduled_until !== null && m.scheduled_until <= now);
    const status = ending ? 'completed' : 'in_progress';
    await updateIncidentRow(ctx.db, m.id, { status, resolved_at: ending ? now : null, next_update_at: null, updated_at: now });
    await insertUpdate(ctx.db, {
      incident_id: m.id,
      status,
      body: ending ? MAINTENANCE_COMPLETED : MAINTENANCE_STARTED,
      affected_components: '[]',
      display_at: now,
      created_by: 'Operable (scheduled)',
      created_at: now,
      updated_at: now,
    });
    await recordAudit(ctx, { action: `statuspage.maintenance.${status}`, entityType: 'statuspage_incident', entityId: m.id, after: { status } });
    n++;
  }
  const changes = await settleStatuses(ctx.db, now, (await readSettings(ctx.db)).time_zone);
  if (changes.length) ctx.log.event('STATUSPAGE_COMPONENTS_FOLLOWED', { changes: changes.map((c) => `${c.name}: ${c.old} → ${c.new}`) });
  return n + changes.length;
}
