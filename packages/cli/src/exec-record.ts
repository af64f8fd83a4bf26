import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { RecordCommand } from '@operable/shared';

/**
 * The pieces of `operable exec` that need no process or network: the output tail
 * kept while the command streams, how a command line is shown, and the local queue
 * of records the server has not taken yet (JSON lines beside the config file).
 */

export const TAIL_LINES = 50;
/** What is sent: the shared contract's limit. */
export const TAIL_CHARS = 16_000;

/** Keeps the last `maxChars` characters of a stream without holding all of it. */
export class TailBuffer {
  private text = '';
  private dropped = false;
  constructor(private readonly maxChars = TAIL_CHARS * 2) {}

  push(chunk: string): void {
    this.text += chunk;
    if (this.text.length > this.maxChars) {
      this.text = this.text.slice(this.text.length - this.maxChars);
      this.dropped = true;
    }
  }

  /** The last lines (at most `lines`, at most `chars` characters) and whether anything was left out. */
  tail(lines = TAIL_LINES, chars = TAIL_CHARS): { text: string; truncated: boolean } {
    let all = this.text.split('\n');
    if (all.at(-1) === '') all = all.slice(0, -1);
    // A line cut by the buffer's start is not a whole line.
    if (this.dropped && all.length > 1) all = all.slice(1);
    let text = all.slice(-lines).join('\n');
    let truncated = this.dropped || all.length > lines;
    if (text.length > chars) {
      text = text.slice(text.length - chars);
      truncated = true;
    }
    return { text, truncated };
  }
}

/** A command line as a person would type it: arguments with spaces or shell characters quoted. */
export function shellLine(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && /^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}

export interface QueuedRecord {
  incident: string;
  record: RecordCommand;
}

export const queuePath = (configPath: string) => path.join(path.dirname(configPath), 'exec-queue.jsonl');

export function enqueueRecord(configPath: string, item: QueuedRecord): void {
  mkdirSync(path.dirname(configPath), { recursive: true, mode: 0o700 });
  appendFileSync(queuePath(configPath), `${JSON.stringify(item)}\n`, { mode: 0o600 });
}

/** Queued records, oldest first; a line that is not a record is skipped (a half-written line after a crash). */
export function readQueue(configPath: string): QueuedRecord[] {
  const file = queuePath(configPath);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line) => {
      try {
        const item = JSON.parse(line) as QueuedRecord;
        return item && typeof item.incident === 'string' && item.record ? [item] : [];
      } catch {
        return [];
      }
    });
}

/** Replaces the queue with what is still unsent (atomically: write aside, then rename). */
export function writeQueue(configPath: string, items: readonly QueuedRecord[]): void {
  const file = queuePath(configPath);
  if (!items.length && !existsSync(file)) return;
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, items.map((i) => `${JSON.stringify(i)}\n`).join(''), { mode: 0o600 });
  renameSync(tmp, file);
}
