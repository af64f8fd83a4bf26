/** The zone this device shows clocks in. */
export function deviceZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return 'UTC';
  }
}

/**
 * True when a time shown in `timeZone` would not read as the viewer's own clock:
 * the zone differs from the device's, so the time must say which zone it is in.
 */
export function zoneDiffers(timeZone: string | undefined, viewer: string = deviceZone()): boolean {
  if (!timeZone) return false;
  const offset = (z: string) => new Intl.DateTimeFormat('en-US', { timeZone: z, timeZoneName: 'longOffset' }).formatToParts(Date.now()).find((p) => p.type === 'timeZoneName')?.value;
  try {
    return timeZone !== viewer && offset(timeZone) !== offset(viewer);
  } catch {
    return timeZone !== viewer;
  }
}

/** Date and time in `timeZone` (the viewer's profile zone), e.g. "12 Mar 2025, 14:05", with the zone named when it is not the device's. */
export function formatDateTime(iso: string | null | undefined, timeZone?: string): string {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    // dateStyle/timeStyle cannot be combined with timeZoneName: spell the parts out then.
    const options: Intl.DateTimeFormatOptions = zoneDiffers(timeZone)
      ? { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit', timeZoneName: 'short' }
      : { dateStyle: 'medium', timeStyle: 'short' };
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(d);
  } catch {
    return d.toLocaleString();
  }
}

/** Time of day in `timeZone`, e.g. "14:05", with the zone named when it is not the device's. */
export function formatTime(iso: string, timeZone?: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    const options: Intl.DateTimeFormatOptions = zoneDiffers(timeZone) ? { hour: 'numeric', minute: '2-digit', timeZoneName: 'short' } : { timeStyle: 'short' };
    return new Intl.DateTimeFormat(undefined, { ...options, timeZone }).format(d);
  } catch {
    return d.toLocaleTimeString();
  }
}

/** A time in someone else's zone, e.g. "03:12 (Europe/Berlin)": for "it was 3 a.m. for her". */
export function formatTheirTime(iso: string, theirZone: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  try {
    return `${new Intl.DateTimeFormat(undefined, { timeStyle: 'short', timeZone: theirZone }).format(d)} ${theirZone.replace(/_/g, ' ')} time`;
  } catch {
    return iso;
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

/** How long ago, compactly: "just now", "45 s ago", "12 min ago", "3 h 5 min ago", "2 days ago". */
export function formatAgo(iso: string | number, now: number = Date.now()): string {
  const then = typeof iso === 'number' ? iso : new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  const secs = Math.max(0, Math.floor((now - then) / 1000));
  if (secs < 5) return 'just now';
  if (secs < 60) return `${secs} s ago`;
  const mins = Math.floor(secs / 60);
  if (mins < 60) return `${mins} min ago`;
  const hours = Math.floor(mins / 60);
  if (hours < 24) return mins % 60 && hours < 6 ? `${hours} h ${mins % 60} min ago` : `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return days === 1 ? '1 day ago' : `${days} days ago`;
}

/** How far ahead, compactly: "now", "in 45 s", "in 10 min", "in 2 h 5 min"; a past time reads as ago. */
export function formatIn(iso: string, now: number = Date.now()): string {
  const then = new Date(iso).getTime();
  if (Number.isNaN(then)) return '';
  if (then < now - 5_000) return formatAgo(iso, now);
  const secs = Math.floor((then - now) / 1000);
  if (secs < 5) return 'now';
  if (secs < 60) return `in ${secs} s`;
  const mins = Math.round(secs / 60);
  if (mins < 60) return `in ${mins} min`;
  const hours = Math.floor(mins / 60);
  return mins % 60 && hours < 6 ? `in ${hours} h ${mins % 60} min` : `in ${hours} h`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** 300 → "5 min", 90 → "90 s". */
export function formatSeconds(seconds: number): string {
  return seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;
}
