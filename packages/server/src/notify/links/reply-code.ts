import type { LinkAction } from './action-token.js';

/**
 * SMS reply codes: "4A" acknowledges alert #4, "4R" resolves it. Parsing is forgiving
 * because people type these half-awake on a phone keyboard: case, spaces, a leading
 * "#", trailing punctuation and the words "ack"/"resolve" in either order all work.
 * Anything else is null, so a stray "ok" or "STOP" never changes an alert.
 */

export interface ReplyCode {
  alertNumber: number;
  action: LinkAction;
}

const LETTER: Record<LinkAction, string> = { acknowledge: 'A', resolve: 'R' };

const WORDS: Record<string, LinkAction> = {
  a: 'acknowledge',
  ack: 'acknowledge',
  acknowledge: 'acknowledge',
  r: 'resolve',
  res: 'resolve',
  resolve: 'resolve',
};

export function replyCode(alertNumber: number, action: LinkAction): string {
  if (!Number.isSafeInteger(alertNumber) || alertNumber < 1) throw new RangeError(`alert number must be a positive integer, got ${alertNumber}`);
  return `${alertNumber}${LETTER[action]}`;
}

/** The line an SMS ends with, e.g. "Reply 4A to acknowledge, 4R to resolve". */
export function replyInstructions(alertNumber: number): string {
  return `Reply ${replyCode(alertNumber, 'acknowledge')} to acknowledge, ${replyCode(alertNumber, 'resolve')} to resolve`;
}

const NUMBER_FIRST = /^#?\s*(\d{1,16})\s*([a-z]+)$/;
const WORD_FIRST = /^([a-z]+)\s*#?\s*(\d{1,16})$/;

export function parseReplyCode(text: string): ReplyCode | null {
  if (typeof text !== 'string' || text.length > 64) return null;
  const normalized = text
    .trim()
    .toLowerCase()
    .replace(/[.!]+$/, '')
    .trim();
  const numberFirst = NUMBER_FIRST.exec(normalized);
  const wordFirst = numberFirst ? null : WORD_FIRST.exec(normalized);
  const digits = numberFirst?.[1] ?? wordFirst?.[2];
  const word = numberFirst?.[2] ?? wordFirst?.[1];
  if (!digits || !word) return null;
  const action = Object.hasOwn(WORDS, word) ? WORDS[word] : undefined;
  const alertNumber = Number(digits);
  if (!action || !Number.isSafeInteger(alertNumber) || alertNumber < 1) return null;
  return { alertNumber, action };
}
