/**
 * "45m", "1h", "1h30m", "1.5h" or a bare number of minutes, as whole minutes.
 * Null when it is none of these (the caller says what is expected).
 */
export function parseDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+$/.test(t)) return Number(t);
  const m = /^(?:(\d+(?:\.\d+)?)h)?\s*(?:(\d+)m(?:in)?)?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return null;
  const minutes = Math.round(Number(m[1] ?? 0) * 60) + Number(m[2] ?? 0);
  return Number.isFinite(minutes) ? minutes : null;
}
