/**
 * The span an override form starts with: the picked shift, but never from the past
 * (an override cannot change who was paged an hour ago, and a form showing a past
 * start invites exactly that mistake). Starts at the current minute; a shift that
 * already ended becomes the next hour.
 */
export function overrideSpan(start: number, end: number, now: number): { start: number; end: number } {
  const minute = Math.floor(now / 60_000) * 60_000;
  if (end <= now) return { start: minute, end: minute + 3_600_000 };
  return { start: Math.max(start, minute), end };
}
