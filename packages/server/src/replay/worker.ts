import { parentPort, workerData } from 'node:worker_threads';
import { systemClock } from '../lib/clock.js';
import type { Ctx } from '../lib/context.js';
import { DomainError } from '../lib/errors.js';
import type { Logger } from '../lib/logger.js';
import { outboundPolicy } from '../lib/outbound.js';
import { replay } from './replay.js';
import type { WorkerData, WorkerMessage } from './bounded.js';

/** The worker side of `replayBounded`: one replay, its log lines and progress sent to the caller. */
const data = workerData as WorkerData;
const post = (m: WorkerMessage) => parentPort!.postMessage(m);
const log: Logger = { event: (id, fields, message) => post({ log: [id, fields, message] }), child: () => log };
// The send-time resolver is a function and does not cross threads; a replay sends nothing.
const ctx = { actor: data.actor, clock: systemClock, log, requestId: data.requestId, settings: { ...data.settings, outbound: outboundPolicy(data.settings.outbound.allow) } } as Omit<Ctx, 'db'> as Ctx;

replay(ctx, { ...data.input, onProgress: (run, done, total) => post({ progress: [run, done, total] }) }).then(
  (outcome) => post({ outcome }),
  (error: Error) => post({ error: { message: error.message, code: error instanceof DomainError ? error.code : undefined, details: error instanceof DomainError ? error.details : undefined, stack: error.stack } }),
);
