import { Worker } from 'node:worker_threads';
import type { Actor, Ctx, Settings } from '../lib/context.js';
import { requireRole } from '../lib/authorize.js';
import { DomainError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import type { AllowList } from '../lib/outbound.js';
import type { ReplayInput, ReplayOutcome } from './replay.js';
import type { Configuration } from './scratch.js';

/** Heap for the replay's working set (engine rounds, query results), beyond the history it holds. */
const WORKING_SET_MB = 128;
/** A parsed history takes ~3.3 times its text (100,000 lines: 15.6 MB, 51 MB parsed), and the text is kept too. */
const HEAP_PER_HISTORY_MB = 5;
/** The built worker: tests run the sources, whose build the test command makes first. */
const WORKER = new URL('../../dist/replay/worker.js', import.meta.url);

export type BoundedInput = Omit<ReplayInput, 'onProgress' | 'configuration'> & { configuration: Configuration };

export interface WorkerData {
  input: BoundedInput;
  actor: Actor;
  requestId: string;
  settings: Omit<Settings, 'outbound'> & { outbound: { allow: AllowList } };
}

export type WorkerMessage =
  | { progress: [run: 'current' | 'variant', done: number, total: number] }
  | { log: Parameters<Logger['event']> }
  | { outcome: ReplayOutcome }
  | { error: { message: string; code?: DomainError['code']; details?: Record<string, unknown>; stack?: string } };

/**
 * Runs a replay in a worker thread with a bounded heap. A long replay makes
 * garbage faster than V8, with gigabytes of room, bothers to collect it: in the
 * caller's process a 100,000-line replay peaked near 700 MB, in a worker bounded
 * by what its history needs under 500 MB. Its memory goes when it ends, and the
 * caller's event loop stays free meanwhile.
 */
export function replayBounded(ctx: Ctx, input: BoundedInput & Pick<ReplayInput, 'onProgress'>): Promise<ReplayOutcome> {
  requireRole(ctx.actor, 'responder');
  const { onProgress, ...rest } = input;
  const data: WorkerData = { input: rest, actor: ctx.actor, requestId: ctx.requestId, settings: { ...ctx.settings, outbound: { allow: ctx.settings.outbound.allow } } };
  const historyMb = input.history.length / 2 ** 20;
  const worker = new Worker(WORKER, { workerData: data, resourceLimits: { maxOldGenerationSizeMb: Math.ceil(WORKING_SET_MB + HEAP_PER_HISTORY_MB * historyMb) } });
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void worker.terminate();
    };
    worker.on('message', (m: WorkerMessage) => {
      if ('progress' in m) onProgress?.(...m.progress);
      else if ('log' in m) ctx.log.event(...m.log);
      else if ('outcome' in m) settle(() => resolve(m.outcome));
      else settle(() => reject(m.error.code ? new DomainError(m.error.code, m.error.message, m.error.details) : Object.assign(new Error(m.error.message), { stack: m.error.stack })));
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) => settle(() => reject(new Error(`The replay stopped before it finished (worker exit code ${code})`))));
  });
}
