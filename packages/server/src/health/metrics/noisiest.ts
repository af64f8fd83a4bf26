import type { Interruption } from './interruptions.js';
import type { PageEvent } from './page-events.js';

export interface NoisySource {
  /** A service id, or an alert key as `serviceId/key` so equal keys of two services stay apart. */
  id: string;
  serviceId: string | null;
  alertKey: string | null;
  pageEvents: number;
  sleepInterruptions: number;
}

export interface Noisiest {
  services: { byPageEvents: NoisySource[]; bySleepInterruptions: NoisySource[] };
  alertKeys: { byPageEvents: NoisySource[]; bySleepInterruptions: NoisySource[] };
}

type Kind = 'service' | 'key';
const idOf = (kind: Kind, serviceId: string | null, key: string | null): string | null =>
  kind === 'service' ? serviceId : key == null ? null : `${serviceId ?? ''}/${key}`;

function tally(kind: Kind, pageEvents: readonly PageEvent[], interruptions: readonly Interruption[]): NoisySource[] {
  const rows = new Map<string, NoisySource>();
  const row = (serviceId: string | null, alertKey: string | null) => {
    const id = idOf(kind, serviceId, alertKey);
    if (id === null) return null;
    let r = rows.get(id);
    if (!r) {
      r = { id, serviceId, alertKey: kind === 'key' ? alertKey : null, pageEvents: 0, sleepInterruptions: 0 };
      rows.set(id, r);
    }
    return r;
  };
  for (const pe of pageEvents) {
    const r = row(pe.serviceId, pe.alertKey);
    if (r) r.pageEvents += 1;
  }
  for (const i of interruptions) {
    if (i.bucket !== 'sleep') continue;
    const r = row(i.serviceId, i.alertKey);
    if (r) r.sleepInterruptions += 1;
  }
  return [...rows.values()];
}

const byId = (a: NoisySource, b: NoisySource) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function ranked(rows: NoisySource[], top: number): { byPageEvents: NoisySource[]; bySleepInterruptions: NoisySource[] } {
  const byPageEvents = [...rows]
    .filter((r) => r.pageEvents > 0)
    .sort((a, b) => b.pageEvents - a.pageEvents || b.sleepInterruptions - a.sleepInterruptions || byId(a, b))
    .slice(0, top);
  const bySleepInterruptions = [...rows]
    .filter((r) => r.sleepInterruptions > 0)
    .sort((a, b) => b.sleepInterruptions - a.sleepInterruptions || b.pageEvents - a.pageEvents || byId(a, b))
    .slice(0, top);
  return { byPageEvents, bySleepInterruptions };
}

/** Services and alert keys ranked by page events and by sleep-hours interruptions (ties by id). */
export function noisiestSources(pageEvents: readonly PageEvent[], interruptions: readonly Interruption[], top = 5): Noisiest {
  return {
    services: ranked(tally('service', pageEvents, interruptions), top),
    alertKeys: ranked(tally('key', pageEvents, interruptions), top),
  };
}
