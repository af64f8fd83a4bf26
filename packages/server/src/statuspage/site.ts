import type { Db } from '../db/index.js';
import type { Clock } from '../lib/clock.js';
import type { Logger } from '../lib/logger.js';
import { DateTime } from 'luxon';
import { addBrotli, buildDocuments, type PublicDocument } from './documents.js';
import { BAR_DAYS } from './render-html.js';
import { readVersion } from './repository.js';
import { readSnapshot } from './snapshot-repository.js';

/** How often a serving process asks the database whether another process changed the page. */
export const VERSION_CHECK_MS = 1000;
/** How long the page must rest before its brotli pass (wall time: CPU scheduling, not domain time). */
export const BROTLI_AFTER_MS = 1000;

/**
 * The public documents of this process, precomputed. A request never queries per
 * component, nor waits for a build once the first one is done: a write in this
 * process rebuilds before its response (`changed`), and a write in another process
 * is noticed by a version check at most once a second, rebuilt in the background
 * while the old documents keep being served. The day's turn also rebuilds (today's bar).
 */
export class PublicSite {
  private docs = new Map<string, PublicDocument>();
  private version = -1;
  private day = '';
  private building: Promise<void> | null = null;
  private lastCheck = 0;
  private listeners: (() => void)[] = [];
  private generation = 0;
  /** The brotli passes, chained: one at a time, each for the documents current when it runs. */
  private compressing: Promise<void> = Promise.resolve();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    private readonly log: Logger,
  ) {}

  /** The document for a path under the site root (`index.html`, `api/v2/summary.json`…). */
  async get(file: string): Promise<PublicDocument | undefined> {
    if (this.version < 0) await this.refresh();
    else this.maybeCheck();
    return this.docs.get(file);
  }

  /** The document if one is built (no waiting): the raw node fast path; undefined falls back to `get`. */
  peek(file: string): PublicDocument | undefined {
    if (this.version < 0) return undefined;
    this.maybeCheck();
    return this.docs.get(file);
  }

  /** All documents of the current state (export). */
  async all(): Promise<PublicDocument[]> {
    await this.refresh(true);
    return [...this.docs.values()];
  }

  /** After a change committed in this process: rebuild now, and tell listeners (publish hook). */
  async changed(): Promise<void> {
    await this.refresh(true);
    for (const l of this.listeners) l();
  }

  /** What the once-a-second check does: rebuild only if another process moved the version (or the day turned). */
  sync(): Promise<void> {
    return this.refresh();
  }

  /** Starts the brotli pass of the current documents now if it waits, and resolves once it is over (tests, export). */
  compressed(): Promise<void> {
    this.startBrotli?.();
    return this.compressing;
  }

  private waiting: NodeJS.Timeout | null = null;
  private startBrotli: (() => void) | null = null;

  /**
   * Brotli at quality 10 costs ~0.4 s of CPU for a 500-component page: it starts once
   * the page has rested BROTLI_AFTER_MS, so a burst of changes (an incident being
   * worked) compresses only its last state and builds never queue behind it.
   */
  private scheduleBrotli(docs: PublicDocument[]) {
    const generation = ++this.generation;
    if (this.waiting) clearTimeout(this.waiting);
    const start = () => {
      if (this.waiting) clearTimeout(this.waiting);
      this.waiting = null;
      this.startBrotli = null;
      this.compressing = this.compressing
        .then(() => addBrotli(docs, () => generation === this.generation))
        .catch((error) => this.log.event('STATUSPAGE_BUILD_FAILED', { error: String(error) }));
    };
    this.startBrotli = start;
    this.waiting = setTimeout(start, BROTLI_AFTER_MS);
    this.waiting.unref();
  }

  onChange(listener: () => void) {
    this.listeners.push(listener);
  }

  private maybeCheck() {
    const t = performance.now();
    if (t - this.lastCheck < VERSION_CHECK_MS) return;
    this.lastCheck = t;
    void this.refresh().catch((error) => this.log.event('STATUSPAGE_BUILD_FAILED', { error: String(error) }));
  }

  /** Rebuilds when the stored version or the local day moved (or always with `force`); one build at a time. */
  private async refresh(force = false): Promise<void> {
    while (this.building) await this.building;
    this.building = (async () => {
      const now = this.clock.now();
      const version = await readVersion(this.db);
      if (!force && version === this.version && this.day === this.dayOf(now)) return;
      const snapshot = await readSnapshot(this.db, now, BAR_DAYS);
      const docs = await buildDocuments(snapshot, now, this.publicUrl);
      this.docs = new Map(docs.map((d) => [d.file, d]));
      this.scheduleBrotli(docs);
      this.version = snapshot.version;
      this.zone = snapshot.settings.time_zone;
      this.day = this.dayOf(now);
    })();
    try {
      await this.building;
    } finally {
      this.building = null;
    }
  }

  private zone = 'UTC';
  private dayOf(d: Date) {
    return DateTime.fromJSDate(d, { zone: this.zone }).toISODate()!;
  }
}

const sites = new WeakMap<Db, PublicSite>();

/** The one PublicSite of a database handle in this process. */
export function publicSite(db: Db, clock: Clock, publicUrl: string, log: Logger): PublicSite {
  let site = sites.get(db);
  if (!site) sites.set(db, (site = new PublicSite(db, clock, publicUrl, log)));
  return site;
}

/** The site if this process serves one (an engine-only process has none to rebuild). */
export const existingSite = (db: Db) => sites.get(db);
