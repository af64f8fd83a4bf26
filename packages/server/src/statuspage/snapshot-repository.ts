import { sql } from 'kysely';
import { DateTime } from 'luxon';
import type { Db } from '../db/index.js';
import { findComponents, findIncidents, readSettings, type ComponentRow, type IncidentRow, type SettingsRow, type UpdateRow } from './repository.js';

export type IncidentWithUpdates = IncidentRow & { updates: UpdateRow[] };

export interface DayRow {
  component_id: string;
  /** Days since the snapshot's firstDay (0 … BAR_DAYS - 1). */
  i: number;
  degraded_seconds: number;
  partial_seconds: number;
  major_seconds: number;
  maintenance_seconds: number;
}

/** Everything the public documents are made of, read in one transaction: a handful of queries whatever the size. */
export interface Snapshot {
  settings: SettingsRow;
  version: number;
  components: ComponentRow[];
  /** The 50 most recent incidents and every unresolved one. */
  incidents: IncidentWithUpdates[];
  /** The 50 most recent maintenances and every upcoming or active one. */
  maintenances: IncidentWithUpdates[];
  /** The first day of the bars (page time zone): today - BAR_DAYS + 1. */
  firstDay: string;
  /** Only days with time in a status other than operational: operational days have no row. */
  days: DayRow[];
}

export async function readSnapshot(db: Db, now: Date, barDays: number): Promise<Snapshot> {
  return db.transaction().execute(async (trx) => {
    const settings = await readSettings(trx);
    const firstDay = DateTime.fromJSDate(now, { zone: settings.time_zone }).startOf('day').minus({ days: barDays - 1 }).toISODate()!;
    const [components, recentIncidents, openIncidents, recentMaintenance, openMaintenance, days] = await Promise.all([
      findComponents(trx),
      findIncidents(trx, { kind: 'incident', limit: 50 }),
      findIncidents(trx, { kind: 'incident', open: true }),
      findIncidents(trx, { kind: 'maintenance', limit: 50 }),
      findIncidents(trx, { kind: 'maintenance', open: true }),
      sql<DayRow>`
        select component_id, (day - ${firstDay}::date)::int as i, degraded_seconds, partial_seconds, major_seconds, maintenance_seconds
        from statuspage_component_days
        where day >= ${firstDay}::date and degraded_seconds + partial_seconds + major_seconds + maintenance_seconds > 0`
        .execute(trx)
        .then((r) => r.rows),
    ]);
    return {
      settings,
      version: Number(settings.version),
      components,
      incidents: merge(recentIncidents, openIncidents),
      maintenances: merge(recentMaintenance, openMaintenance),
      firstDay,
      days,
    };
  });
}

function merge(a: IncidentWithUpdates[], b: IncidentWithUpdates[]): IncidentWithUpdates[] {
  const byId = new Map([...a, ...b].map((i) => [i.id, i]));
  return [...byId.values()].sort((x, y) => y.created_at.getTime() - x.created_at.getTime() || (x.id < y.id ? -1 : 1));
}
