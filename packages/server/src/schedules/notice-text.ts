import { DateTime } from 'luxon';

/**
 * Times in notices (handoff reports, reminders, pre-flight warnings) are read by
 * people, so they are written in the schedule's zone, with the zone named once.
 */
export function localTime(ms: number, zone: string): string {
  return DateTime.fromMillis(ms, { zone }).setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm');
}

export function localSpan(start: number, end: number | null, zone: string): string {
  return end === null ? `from ${localTime(start, zone)}` : `${localTime(start, zone)} – ${localTime(end, zone)}`;
}

export function oneLine(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
