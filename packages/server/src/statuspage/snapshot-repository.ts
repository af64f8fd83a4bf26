import { sql } from 'kysely';
import type { Db } from '../db/index.js';
import { findComponents, findIncidents, readSettings, type ComponentRow, type IncidentRow, type SettingsRow, type UpdateRow } from './repository.js';

export type IncidentWithUpdates = IncidentRow & { updates: UpdateRow[] };

export interface DayRow {
  component_id: string;
  day: string;
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
  days: DayRow[];
}

export async function readSnapshot(db: Db, sinceDay: string): Promise<Snapshot> {
  return db.transaction().execute(async (trx) => {
    const settings = await readSettings(trx);
    const [components, recentIncidents, openIncidents, recentMaintenance, openMaintenance, days] = await Promise.all([
      findComponents(trx),
      findIncidents(trx, { kind: 'incident', limit: 50 }),
      findIncidents(trx, { kind: 'incident', open: true }),
      findIncidents(trx, { kind: 'maintenance', limit: 50 }),
      findIncidents(trx, { kind: 'maintenance', open: true }),
      trx
        .selectFrom('statuspage_component_days')
        .select(['component_id', sql<string>`to_char(day, 'YYYY-MM-DD')`.as('day'), 'degraded_seconds', 'partial_seconds', 'major_seconds', 'maintenance_seconds'])
        .where('day', '>=', sinceDay)
        .execute(),
    ]);
    return {
      settings,
      version: Number(settings.version),
      components,
      incidents: merge(recentIncidents, openIncidents),
      maintenances: merge(recentMaintenance, openMaintenance),
      days,
    };
  });
}

function merge(a: IncidentWithUpdates[], b: IncidentWithUpdates[]): IncidentWithUpdates[] {
  const byId = new Map([...a, ...b].map((i) => [i.id, i]));
  return [...byId.values()].sort((x, y) => y.created_at.getTime() - x.created_at.getTime() || (x.id < y.id ? -1 : 1));
}
