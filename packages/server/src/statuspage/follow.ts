import type { ComponentStatus } from '@operable/shared';
import type { Db } from '../db/index.js';
import { findComponents, serviceSignals, updateComponentRow } from './repository.js';
import { automaticStatus, type SourceSignal } from './status.js';

/**
 * What a component can follow. Each kind reads, in one query for all components,
 * the signals of the sources linked to them. Services (open alerts) are here now;
 * synthetic checks register a kind of their own (`registerStatusSource`) and their
 * rows in statuspage_component_sources use kind 'check'.
 */
export interface StatusSource {
  kind: 'service' | 'check';
  /** Component id → the signals of its sources of this kind. */
  signals(db: Db): Promise<Map<string, SourceSignal[]>>;
}

const serviceSource: StatusSource = {
  kind: 'service',
  async signals(db) {
    const out = new Map<string, SourceSignal[]>();
    for (const r of await serviceSignals(db)) {
      const list = out.get(r.component_id) ?? [];
      list.push({ failingStatus: r.failing_status as ComponentStatus, failing: r.high, degraded: r.low });
      out.set(r.component_id, list);
    }
    return out;
  },
};

const sources: StatusSource[] = [serviceSource];

/** For the checks domain (or tests): another kind of source components can follow. */
export function registerStatusSource(source: StatusSource): void {
  if (!sources.some((s) => s.kind === source.kind)) sources.push(source);
}

/** Component id → the automatic status its sources give now (components with no sources: operational). */
export async function automaticStatuses(db: Db): Promise<Map<string, ComponentStatus>> {
  const all = new Map<string, SourceSignal[]>();
  for (const source of sources) {
    for (const [id, signals] of await source.signals(db)) all.set(id, [...(all.get(id) ?? []), ...signals]);
  }
  return new Map([...all].map(([id, signals]) => [id, automaticStatus(signals)]));
}

/** Which components' stored automatic status differs from what their sources say now. */
export async function automaticDrift(db: Db): Promise<{ id: string; status: ComponentStatus }[]> {
  const [now, rows] = await Promise.all([automaticStatuses(db), findComponents(db)]);
  return rows
    .filter((r) => !r.is_group)
    .map((r) => ({ id: r.id, stored: r.auto_status, status: now.get(r.id) ?? 'operational' }))
    .filter((r) => r.stored !== r.status)
    .map(({ id, status }) => ({ id, status }));
}

/** Stores the automatic statuses (inside a writer's transaction); the caller settles the shown ones. */
export async function followSources(db: Db): Promise<number> {
  const drift = await automaticDrift(db);
  for (const d of drift) await updateComponentRow(db, d.id, { auto_status: d.status });
  return drift.length;
}
