import type { PagingContextRow } from './trigger-repository.js';

/**
 * What this process remembers of each service's paging context, so an ingest
 * batch can plan without reading it first: one statement per batch instead of
 * two. Nothing here is trusted: the write applies only if the service's
 * alerts_version is still the remembered one, and every change a plan depends
 * on bumps that version (migration 0010), whichever process or path makes it.
 * The one fact a version cannot vouch for is that a key has no open alert (a
 * key opened before the memory was taken); the unique index on open keys turns
 * that wrong guess into a failed write, and the batch reads after all.
 */
export interface RememberedService {
  version: number;
  row: Omit<PagingContextRow, 'open' | 'alerts_version'>;
  /** Open alerts' ids by dedup key: those this process read or wrote. */
  open: Map<string, string>;
}

export interface AppliedWrite {
  serviceId: string;
  /** The version the batch planned from; the write moved the service to the next. */
  fromVersion: number;
  now: Date;
  opened: { dedupKey: string; id: string; leads: { groupSize: number } | null }[];
  /** Earlier leaders the batch touched (joined or repeated): their group grew by `joined`. */
  touched: { id: string; joined: number }[];
}

/** How long a service whose optimistic write lost a race is written under lock: while another process writes it too. */
const CONTENTION_MS = 2000;

export class PagingCache {
  private readonly services = new Map<string, RememberedService>();
  /** Services another process wrote to under this one's plan, until when (real time: plumbing, not domain time). */
  private readonly contendedUntil = new Map<string, number>();

  constructor(private readonly limits = { services: 2_000, openKeysPerService: 20_000 }) {}

  /** The remembered context of every one of `serviceIds`, or null if any is missing. */
  recall(serviceIds: readonly string[]): Map<string, RememberedService> | null {
    const found = new Map<string, RememberedService>();
    for (const id of serviceIds) {
      const entry = this.services.get(id);
      if (!entry) return null;
      found.set(id, entry);
    }
    return found;
  }

  /** A context just read: it replaces what was remembered (a read sees only the keys it asked about). */
  remember(rows: readonly PagingContextRow[]): void {
    for (const { open, alerts_version, ...row } of rows) {
      this.services.delete(row.service_id); // re-inserted last: the map's order is least recently read first
      this.services.set(row.service_id, { version: alerts_version, row, open: new Map(open.map((o) => [o.dedup_key, o.id])) });
    }
    while (this.services.size > this.limits.services) this.services.delete(this.services.keys().next().value!);
  }

  /** The batch's write applied: the version moved on by one, with exactly these effects. */
  applied(write: AppliedWrite): void {
    const entry = this.services.get(write.serviceId);
    if (!entry) return;
    // Another batch of this process read or wrote meanwhile: its memory is not this one's.
    if (entry.version !== write.fromVersion) return void this.services.delete(write.serviceId);
    entry.version += 1;
    const at = write.now.toISOString();
    const touched = new Map(write.touched.map((t) => [t.id, t.joined]));
    const leaders = entry.row.leaders.map((l) =>
      touched.has(l.id) ? { ...l, last_seen_at: at, group_size: l.group_size + touched.get(l.id)! } : l,
    );
    for (const o of write.opened) {
      entry.open.set(o.dedupKey, o.id);
      if (o.leads) leaders.push({ id: o.id, created_at: at, last_seen_at: at, group_size: o.leads.groupSize });
    }
    entry.row = { ...entry.row, leaders: withinWindow(leaders, entry.row.storm_window_seconds, write.now) };
    // Forgetting keys only costs a failed guess later, never a wrong page.
    if (entry.open.size > this.limits.openKeysPerService) entry.open.clear();
  }

  /** Another writer got there first: write these services under lock for a while. */
  contend(serviceIds: readonly string[], nowMs: number): void {
    for (const id of serviceIds) this.contendedUntil.set(id, nowMs + CONTENTION_MS);
    if (this.contendedUntil.size > this.limits.services) this.contendedUntil.clear();
  }

  contended(serviceIds: readonly string[], nowMs: number): boolean {
    return serviceIds.some((id) => (this.contendedUntil.get(id) ?? 0) > nowMs);
  }

  forget(serviceIds: readonly string[]): void {
    for (const id of serviceIds) this.services.delete(id);
  }
}

/**
 * The context a read at `now` would return, from memory: leaders still inside the
 * storm window, and the batch's keys that are known to be open.
 */
export function recalledContext(entry: RememberedService, keys: readonly string[], now: Date): PagingContextRow {
  const { row } = entry;
  return {
    ...row,
    alerts_version: entry.version,
    leaders: withinWindow(row.leaders, row.storm_window_seconds, now),
    open: keys.flatMap((k) => {
      const id = entry.open.get(k);
      return id ? [{ id, dedup_key: k }] : [];
    }),
  };
}

/** Leaders a batch at `now` may join, as the read selects them (a window of 0 turns grouping off). */
function withinWindow(leaders: PagingContextRow['leaders'], windowSeconds: number, now: Date): PagingContextRow['leaders'] {
  if (windowSeconds <= 0) return [];
  const since = now.getTime() - windowSeconds * 1000;
  return leaders.filter((l) => new Date(l.created_at).getTime() >= since);
}
