import { randomUUID } from 'node:crypto';

/**
 * A UUID whose first 48 bits are the time in milliseconds (version 7, RFC 9562), for
 * rows written in bulk: their ids then arrive in order at the right edge of the
 * primary key and of indexes that lead with the id, instead of at a random page each.
 * The other 74 bits are random (from Node's pooled randomUUID), so ids made in the same
 * millisecond do not collide. An id tells when its row was made, as created_at does.
 * Real time, not the injected clock: this is index locality, not domain time.
 */
export function timeOrderedId(nowMs: number = Date.now()): string {
  const time = nowMs.toString(16).padStart(12, '0');
  const random = randomUUID();
  return `${time.slice(0, 8)}-${time.slice(8, 12)}-7${random.slice(15)}`;
}
