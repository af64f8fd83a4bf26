import type { ComponentStatus } from '@operable/shared';
import type { Db } from '../db/index.js';
import { addDaySeconds, componentsInMaintenance, findComponents, updateComponentRow } from './repository.js';
import { DAY_COLUMN, effectiveStatus, splitByDay, worst, type DayColumn } from './status.js';

export interface StatusChange {
  id: string;
  name: string;
  old: ComponentStatus;
  new: ComponentStatus;
}

/**
 * Brings every component's shown status in line with its manual status, maintenance
 * in progress and what it follows, after a caller changed one of those (inside the
 * caller's transaction, after bumpVersion took the page's lock). A change closes the
 * span of the old status into the daily history. Groups show their worst member.
 */
export async function settleStatuses(db: Db, at: Date, zone: string): Promise<StatusChange[]> {
  const [rows, maintenance] = await Promise.all([findComponents(db), componentsInMaintenance(db)]);
  const changes: StatusChange[] = [];
  const pieces: { componentId: string; day: string; column: DayColumn; seconds: number }[] = [];
  const shown = new Map<string, ComponentStatus>();
  for (const c of rows.filter((r) => !r.is_group)) {
    const next = effectiveStatus({
      manual: c.manual_status as ComponentStatus | null,
      inMaintenance: maintenance.has(c.id),
      automatic: c.auto_status as ComponentStatus,
    });
    shown.set(c.id, next);
    if (next !== c.status) {
      const column = DAY_COLUMN[c.status as ComponentStatus];
      if (column) for (const p of splitByDay(c.status_since, at, zone)) pieces.push({ componentId: c.id, day: p.day, column, seconds: p.seconds });
      await updateComponentRow(db, c.id, { status: next, status_since: at, updated_at: at });
      changes.push({ id: c.id, name: c.name, old: c.status as ComponentStatus, new: next });
    }
  }
  for (const g of rows.filter((r) => r.is_group)) {
    const next = worst(rows.filter((c) => c.group_id === g.id).map((c) => shown.get(c.id) ?? 'operational'));
    if (next !== g.status) await updateComponentRow(db, g.id, { status: next, status_since: at, updated_at: at });
  }
  await addDaySeconds(db, pieces);
  return changes;
}
