/** Date and time in the viewer's time zone, e.g. "12 Mar 2025, 14:05". */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone }).format(d);
  } catch {
    return d.toLocaleString();
  }
}

const DAY_SHORT = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function describeWorkingHours(wh: { days: number[]; start: string; end: string }): string {
  if (!wh.days.length) return 'No working days';
  const days = wh.days.map((d) => DAY_SHORT[d - 1] ?? String(d)).join(', ');
  return `${days}, ${wh.start}–${wh.end}`;
}

export function roleLabel(role: string): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))];
}
