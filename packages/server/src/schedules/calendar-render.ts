import { ICalCalendar, ICalEventTransparency } from 'ical-generator';
import { DateTime } from 'luxon';
import type { Role } from './oncall.js';

/**
 * Shifts to iCalendar text (RFC 5545). Pure: everything it shows comes in.
 *
 * Times are written in UTC (`DTSTART:…Z`). An instant needs no VTIMEZONE block and
 * cannot be misread across a DST change; calendar apps show it in the reader's own
 * zone. The schedule's zone and local handoff times are in the description for
 * people who read the event.
 */

/** One run of one person on call for one role of one schedule. */
export interface FeedShift {
  scheduleId: string;
  scheduleName: string;
  timeZone: string;
  role: Role;
  userId: string;
  userName: string;
  start: number;
  end: number;
  ackMinutes: number;
}

export interface FeedCalendar {
  /** A schedule's feed names the person on call; a person's own feed names the schedule only. */
  kind: 'schedule' | 'user';
  name: string;
  description: string;
  publicUrl: string;
  now: Date;
  shifts: readonly FeedShift[];
}

/** Calendar apps poll subscriptions; an hour keeps swaps and overrides visible the same day. */
const REFRESH_SECONDS = 3600;

export function renderCalendar(feed: FeedCalendar): string {
  const calendar = new ICalCalendar({
    prodId: { company: 'Operable', product: 'On-call', language: 'EN' },
    name: feed.name,
    description: feed.description,
    ttl: REFRESH_SECONDS,
  });
  const ordered = [...feed.shifts].sort((a, b) => a.start - b.start || a.scheduleName.localeCompare(b.scheduleName) || a.role.localeCompare(b.role));
  for (const shift of ordered) {
    const url = `${feed.publicUrl}/schedules/${shift.scheduleId}`;
    calendar.createEvent({
      id: shiftUid(feed.kind, shift),
      start: new Date(shift.start),
      end: new Date(shift.end),
      stamp: feed.now,
      summary: summary(feed.kind, shift),
      description: `${describe(shift)}\n${url}`,
      url,
      // Being on call is not a meeting: it must not make the person look busy to schedulers.
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  // ical-generator ends its last line without the CRLF that RFC 5545 §3.1 requires of every content line.
  const text = calendar.toString();
  return text.endsWith('\r\n') ? text : `${text}\r\n`;
}

/**
 * Stable across fetches: the same shift gets the same UID, so calendar apps update
 * it in place instead of duplicating it. The feed kind is part of it because some
 * apps mishandle one UID in two subscribed calendars.
 */
export function shiftUid(kind: FeedCalendar['kind'], shift: Pick<FeedShift, 'scheduleId' | 'role' | 'userId' | 'start'>): string {
  const start = DateTime.fromMillis(shift.start, { zone: 'utc' }).toFormat("yyyyMMdd'T'HHmmss'Z'");
  return `${kind}-${shift.scheduleId}-${shift.role}-${shift.userId}-${start}@operable`;
}

export function summary(kind: FeedCalendar['kind'], shift: FeedShift): string {
  return kind === 'schedule'
    ? `On call: ${shift.userName} (${shift.role}) — ${shift.scheduleName}`
    : `On call (${shift.role}) — ${shift.scheduleName}`;
}

function describe(shift: FeedShift): string {
  const local = (ms: number) => DateTime.fromMillis(ms, { zone: shift.timeZone }).setLocale('en-GB').toFormat('ccc d LLL yyyy HH:mm');
  const role = shift.role === 'primary' ? 'Primary' : 'Secondary';
  return [
    `${role} on call for ${shift.scheduleName}: ${shift.userName}. Acknowledge pages within ${shift.ackMinutes} min.`,
    `${local(shift.start)} – ${local(shift.end)} (${shift.timeZone})`,
  ].join('\n');
}
