import { invalid } from '../../lib/errors.js';

/**
 * Anti-fatigue limits per person and contact method: a phone that rings a fourth
 * time in a quarter of an hour helps nobody. What is held back is not dropped; the
 * caller retries at `retryAt` (and bundling gathers what piled up meanwhile).
 */

export type ContactMethodKind = 'voice' | 'sms' | 'email' | 'push' | 'ntfy' | 'slack' | 'teams' | 'webhook';

export interface ThrottleLimit {
  max: number;
  perMinutes: number;
}

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAt: Date };

/**
 * Interrupting channels are tight; chat and webhooks are loose because they are read
 * when convenient (and a webhook may feed another system that does its own grouping).
 */
export const DEFAULT_LIMITS: Readonly<Record<ContactMethodKind, Readonly<ThrottleLimit>>> = Object.freeze({
  voice: { max: 3, perMinutes: 15 },
  sms: { max: 6, perMinutes: 15 },
  push: { max: 10, perMinutes: 15 },
  ntfy: { max: 10, perMinutes: 15 },
  email: { max: 20, perMinutes: 15 },
  slack: { max: 60, perMinutes: 15 },
  teams: { max: 60, perMinutes: 15 },
  webhook: { max: 60, perMinutes: 15 },
});

/**
 * Sliding window (now − perMinutes, now]: allowed while fewer than `max` sends are in
 * it. Otherwise `retryAt` is when enough of the oldest sends have left for one more,
 * which with a consistent history is when the oldest one leaves. Sends stamped after
 * `now` (another process's clock running ahead) count as in the window, erring
 * towards fewer calls rather than more.
 */
export function throttleDecision(sentAt: readonly Date[], now: Date, limit: ThrottleLimit): ThrottleDecision {
  checkLimit(limit);
  const windowMs = limit.perMinutes * 60_000;
  const since = now.getTime() - windowMs;
  const inWindow = sentAt
    .map((d) => d.getTime())
    .filter((t) => t > since)
    .sort((a, b) => a - b);
  if (inWindow.length < limit.max) return { allowed: true };
  const mustLeave = inWindow[inWindow.length - limit.max]!;
  return { allowed: false, retryAt: new Date(mustLeave + windowMs) };
}

function checkLimit(limit: ThrottleLimit): void {
  if (!Number.isInteger(limit.max) || limit.max < 1) {
    throw invalid([{ field: 'max', message: 'Must be a whole number of at least 1' }]);
  }
  if (!Number.isFinite(limit.perMinutes) || limit.perMinutes <= 0) {
    throw invalid([{ field: 'perMinutes', message: 'Must be a positive number of minutes' }]);
  }
}
