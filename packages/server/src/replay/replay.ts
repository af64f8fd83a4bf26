import type { ReplayRequest } from '@operable/shared';
import type { z } from 'zod';
import { bucketOf, type Bucket } from '../health/index.js';
import { requireRole } from '../lib/authorize.js';
import { SYSTEM_ACTOR, type Ctx } from '../lib/context.js';
import { conflict } from '../lib/errors.js';
import { exportHistory } from './export.js';
import { readFacts } from './facts.js';
import { parseHistory, within, type LineError } from './history.js';
import { replayMarkdown } from './markdown.js';
import { buildReport, type ReplayReport } from './report.js';
import * as repo from './repository.js';
import { runReplay } from './run.js';
import { openScratch, readConfiguration, writeConfiguration, type Configuration } from './scratch.js';
import { applyVariant } from './variant.js';

export interface ReplayInput {
  /** JSON lines (history.ts). */
  history: string;
  /** A variant of the configuration to compare with the current one (variant.ts). */
  variant?: unknown;
  from?: Date;
  to?: Date;
  /** Minutes after the message a person is assumed to acknowledge, by the bucket of that moment in their zone. */
  assumeAck?: Record<Bucket, number> | null;
  onProgress?: (run: 'current' | 'variant', done: number, total: number) => void;
  /** The configuration to start from, read beforehand (`readConfiguration`); by default read from `ctx.db` now. */
  configuration?: Configuration;
}

export interface ReplayRun {
  report: ReplayReport;
  /** Lines that parsed but could not be replayed. */
  skipped: LineError[];
  /** What the variant changed ("Checkout: stormWindowSeconds"). */
  changes: string[];
}

export interface ReplayOutcome {
  lines: number;
  events: number;
  /** Lines that could not be read, with their numbers. */
  errors: LineError[];
  current: ReplayRun;
  variant: ReplayRun | null;
}

/**
 * Replays a history against the server's current configuration and, when given, a
 * variant of it, each on its own scratch copy (one after the other, so memory holds
 * one embedded database at a time). The history's text is let go once parsed: it is
 * megabytes a long replay would otherwise carry.
 */
export async function replay(ctx: Ctx, { history: text, ...input }: ReplayInput): Promise<ReplayOutcome> {
  requireRole(ctx.actor, 'responder');
  const history = parseHistory(text);
  const events = within(history.events, input.from, input.to);
  const configuration = input.configuration ?? (await readConfiguration(ctx.db));
  const run = async (which: 'current' | 'variant'): Promise<ReplayRun> => {
    const scratch = await openScratch();
    try {
      const db = scratch.database.db;
      await writeConfiguration(db, configuration);
      const changes = which === 'variant' ? await applyVariant({ ...ctx, db, actor: SYSTEM_ACTOR }, input.variant) : [];
      const zones = new Map((await repo.people(db)).map((p) => [p.id, p.time_zone]));
      const ack = input.assumeAck;
      ctx.log.event('REPLAY_STARTED', { run: which, events: events.length });
      const result = await runReplay(scratch.database, {
        events,
        settings: ctx.settings,
        log: ctx.log,
        until: input.to,
        ackDelay: ack ? (userId, at) => ack[bucketOf(at, zones.get(userId) ?? 'UTC')] * 60_000 : undefined,
        onProgress: input.onProgress && ((done, total) => input.onProgress!(which, done, total)),
      });
      const report = buildReport(await readFacts(db, { from: input.from ?? result.from, until: result.until }));
      ctx.log.event('REPLAY_FINISHED', { run: which, events: events.length, skipped: result.skipped.length });
      return { report, skipped: result.skipped, changes };
    } finally {
      await scratch.close();
    }
  };
  // The variant first: a variant naming something that does not exist fails before a long run.
  const variant = input.variant === undefined ? null : await run('variant');
  const current = await run('current');
  return { lines: history.lines, events: events.length, errors: history.errors, current, variant };
}

let running = false;

/**
 * A replay asked for through the API: an uploaded history or the server's own for a
 * period. It runs in the server's process, so one at a time: a second is refused
 * rather than queued behind a minute of work.
 */
export async function replayRequest(ctx: Ctx, r: z.output<typeof ReplayRequest>): Promise<ReplayOutcome & { markdown: string }> {
  requireRole(ctx.actor, 'responder');
  if (running) throw conflict('A replay is already running on this server; try again when it has finished');
  running = true;
  try {
    const history = r.period ? (await exportHistory(ctx, { from: new Date(r.period.from), to: new Date(r.period.to) })).join('\n') : (r.history ?? '');
    const ack = r.assumeAck;
    const outcome = await replay(ctx, { history, variant: r.variant, assumeAck: ack && { business: ack.business, off_hours: ack.offHours, sleep: ack.sleep } });
    return { ...outcome, markdown: replayMarkdown(outcome) };
  } finally {
    running = false;
  }
}
