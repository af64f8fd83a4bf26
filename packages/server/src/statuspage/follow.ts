import type { ComponentStatus } from '@operable/shared';
import type { Db } from '../db/index.js';
import { findComponents, serviceNames, serviceSignals, sourceLinks, updateComponentRow, type SourceRow } from './repository.js';
import { automaticStatus, type SourceSignal } from './status.js';

/**
 * What a component can follow. Each kind reads, in one query for all components,
 * the signals of the sources linked to them. Services (open alerts) are here; synthetic
 * checks live in a domain this one never imports, so the composition root registers
 * them (`registerStatusSource`) and their links use kind 'check'.
 */
export interface StatusSource {
  kind: SourceKind;
  /** Component id → the signals of its sources of this kind. */
  signals(db: Db): Promise<Map<string, SourceSignal[]>>;
  /** The names of those of these ids that exist (to check a link when it is made, and to show it). */
  names(db: Db, ids: string[]): Promise<Map<string, string>>;
}

export type SourceKind = 'service' | 'check';

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
  names: serviceNames,
};

const sources: StatusSource[] = [serviceSource];

/** For the composition root (or tests): another kind of source components can follow. */
export function registerStatusSource(source: StatusSource): void {
  const i = sources.findIndex((s) => s.kind === source.kind);
  if (i >= 0) sources[i] = source;
  else sources.push(source);
}

/** What another domain says of its sources, by id: its name, and whether it fails now. */
export type SourceHealth = (db: Db, ids: string[]) => Promise<Map<string, { name: string; down: boolean; degraded?: boolean }>>;

/**
 * A source of another domain: the links of its kind (one query) joined with what that
 * domain says of the linked ids (one more). A link to something deleted says nothing.
 */
export function linkedSource(kind: SourceKind, health: SourceHealth): StatusSource {
  return {
    kind,
    async signals(db) {
      const links = await sourceLinks(db, kind);
      const now = await health(db, [...new Set(links.map((l) => l.source_id))]);
      const out = new Map<string, SourceSignal[]>();
      for (const l of links) {
        const h = now.get(l.source_id);
        if (!h) continue;
        out.set(l.component_id, [...(out.get(l.component_id) ?? []), { failingStatus: l.failing_status as ComponentStatus, failing: h.down, degraded: h.degraded ?? false }]);
      }
      return out;
    },
    async names(db, ids) {
      return new Map([...(await health(db, ids))].map(([id, h]) => [id, h.name]));
    },
  };
}

export const statusSource = (kind: string): StatusSource | undefined => sources.find((s) => s.kind === kind);

/** Fills in the names of linked sources whose kind the repository cannot join (checks). */
export async function nameSources(db: Db, rows: SourceRow[]): Promise<SourceRow[]> {
  const kinds = [...new Set(rows.filter((r) => r.name === null).map((r) => r.kind))];
  const names = new Map<string, string>();
  for (const kind of kinds) {
    const source = statusSource(kind);
    if (!source) continue;
    for (const [id, name] of await source.names(db, rows.filter((r) => r.kind === kind).map((r) => r.source_id))) names.set(`${kind}:${id}`, name);
  }
  return rows.map((r) => (r.name === null ? { ...r, name: names.get(`${r.kind}:${r.source_id}`) ?? null } : r));
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
