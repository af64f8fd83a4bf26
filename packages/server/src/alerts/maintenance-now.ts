import type { Db } from '../db/index.js';
import { findMaintenanceRows, windowOf } from './maintenance-repository.js';
import { activeMaintenance, maintenanceEndsAt } from './rules/index.js';

/** The maintenance window silencing a service at `at` (the rule the trigger plan applies), for the paging preview. */
export async function serviceMaintenanceAt(db: Db, serviceId: string, at: Date): Promise<{ id: string; name: string; endsAt: Date } | null> {
  const rows = await findMaintenanceRows(db, { serviceId, notEndedBefore: at });
  const active = activeMaintenance(rows.map(windowOf), serviceId, at);
  if (!active) return null;
  const row = rows.find((r) => r.id === active.id)!;
  return { id: active.id, name: row.name, endsAt: maintenanceEndsAt(active, at) };
}
