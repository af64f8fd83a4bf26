import { DateTime } from 'luxon';
import ical, { type VEvent } from 'node-ical';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, createWorld, unique, type TestUser, type World } from '../test-support/actors.js';
import { databaseKinds } from '../test-support/databases.js';
import { createHarness, type Harness } from '../test-support/harness.js';
import { feedRange } from './calendar-feeds.js';

const DAY = 86_400_000;
const NY = 'America/New_York';
const LONDON = 'Europe/London';

/**
 * Calendar feeds over HTTP, parsed with node-ical. Clock: Tue 2026-10-20 12:00 UTC,
 * so every feed (4 weeks back, 26 ahead) spans the autumn and spring DST changes.
 */
describe.each(await databaseKinds())('calendar feeds on %s', (kind) => {
  let h: Harness;
  let w: World;
  let ana: TestUser;
  let bo: TestUser;
  let payments: { id: string; name: string };

  beforeAll(async () => {
    h = await createHarness(kind);
    h.clock.set('2026-10-20T12:00:00Z');
    w = await createWorld(h);
    ana = await createUser(w.admin, 'responder', { name: 'Ana Álvarez' });
    bo = await createUser(w.admin, 'responder', { name: 'Bo, the "Second"' });
    payments = await w.admin.call('POST', '/api/schedules', weekly(NY, `Payments; EU, core ${unique('p')}`));
  });
  afterAll(async () => {
    await h?.close();
  });

  /** Weekly Tuesday 10:00: Ana then Bo as primary, Bo then Ana as secondary. */
  const weekly = (timeZone: string, name = unique('weekly')) => ({
    name,
    teamId: w.teamA.id,
    timeZone,
    layers: [
      { participantIds: [ana.id, bo.id], startDate: '2026-09-01' },
      { role: 'secondary', participantIds: [bo.id, ana.id], startDate: '2026-09-01' },
    ],
  });
  const path = (url: string) => new URL(url).pathname;
  async function fetchFeed(url: string): Promise<{ status: number; type: string | null; text: string }> {
    const res = await h.request(path(url));
    return { status: res.status, type: res.headers.get('content-type'), text: await res.text() };
  }
  async function events(url: string): Promise<VEvent[]> {
    const res = await fetchFeed(url);
    expect(res.status, res.text).toBe(200);
    return Object.values(ical.sync.parseICS(res.text))
      .filter((c): c is VEvent => c?.type === 'VEVENT')
      .sort((a, b) => a.start.getTime() - b.start.getTime());
  }
  const text = (v: unknown) => (typeof v === 'string' ? v : (v as { val: string }).val);
  const local = (d: Date, zone: string) => DateTime.fromJSDate(d, { zone });

  /** Every event starts and ends on a Tuesday at 10:00 local, with offsets from both sides of DST among them. */
  function expectTuesdayTen(list: VEvent[], zone: string) {
    const starts = list.map((e) => local(e.start, zone));
    expect(starts.map((s) => s.toFormat('ccc HH:mm')).every((s) => s === 'Tue 10:00')).toBe(true);
    expect(list.map((e) => local(e.end!, zone).toFormat('ccc HH:mm')).every((s) => s === 'Tue 10:00')).toBe(true);
    expect(new Set(starts.map((s) => s.offset)).size).toBe(2);
  }

  it('serves a schedule feed at a secret URL, without a session: one event per shift, 10:00 local across DST', async () => {
    const { url } = await w.viewer.call('POST', `/api/schedules/${payments.id}/calendar-feed`);
    expect(url).toMatch(/^http:\/\/operable\.test\/ical\/[A-Za-z0-9_-]{43}\.ics$/);
    const res = await fetchFeed(url);
    expect(res.status).toBe(200);
    expect(res.type).toBe('text/calendar; charset=utf-8');
    // RFC 5545 §3.1: every content line ends with CRLF, the last one too.
    expect(res.text.endsWith('END:VCALENDAR\r\n')).toBe(true);
    expect(res.text.replaceAll('\r\n', '')).not.toMatch(/[\r\n]/);
    const calendar = ical.sync.parseICS(res.text);
    expect(calendar.vcalendar?.['WR-CALNAME' as never]).toBe(`${payments.name} on call`);

    const list = await events(url);
    const primary = list.filter((e) => text(e.summary).includes('(primary)'));
    const secondary = list.filter((e) => text(e.summary).includes('(secondary)'));
    expect(primary.length).toBe(secondary.length);
    // 4 weeks back to 26 ahead, each event a week long: 30 or 31 of them per role.
    expect(primary.length).toBeGreaterThanOrEqual(30);
    expect(primary.length).toBeLessThanOrEqual(31);
    expectTuesdayTen(primary, NY);
    expectTuesdayTen(secondary, NY);
    // Consecutive shifts touch: 10:00 EDT is 14:00 UTC before 1 November, 10:00 EST is 15:00 UTC after.
    for (let i = 1; i < primary.length; i++) expect(primary[i]!.start.getTime()).toBe(primary[i - 1]!.end!.getTime());
    const around = primary.filter((e) => e.start.toISOString() >= '2026-10-27' && e.start.toISOString() < '2026-11-04');
    expect(around.map((e) => [e.start.toISOString(), e.end!.toISOString()])).toEqual([
      ['2026-10-27T14:00:00.000Z', '2026-11-03T15:00:00.000Z'],
      ['2026-11-03T15:00:00.000Z', '2026-11-10T15:00:00.000Z'],
    ]);
    // Shift k of the rotation started 1 September: 27 October is the 9th (Ana's), 3 November Bo's.
    expect(around.map((e) => text(e.summary))).toEqual([`On call: Ana Álvarez (primary) — ${payments.name}`, `On call: Bo, the "Second" (primary) — ${payments.name}`]);
    expect(text(around[0]!.description)).toContain('Tue 27 Oct 2026 10:00 – Tue 3 Nov 2026 10:00 (America/New_York)');
  });

  it('keeps UIDs stable across fetches, and as time moves on', async () => {
    const { url } = await w.responder.call('POST', `/api/schedules/${payments.id}/calendar-feed`);
    const firstEvents = await events(url);
    const first = firstEvents.map((e) => e.uid);
    expect(new Set(first).size).toBe(first.length);
    expect((await events(url)).map((e) => e.uid)).toEqual(first);
    h.clock.advance(3 * DAY);
    try {
      const later = new Set((await events(url)).map((e) => e.uid));
      // Only shifts that ended before the new window (4 weeks back) drop out; every other keeps its UID.
      const windowStart = h.clock.now().getTime() - 28 * DAY;
      const gone = firstEvents.filter((e) => !later.has(e.uid));
      expect(gone.length).toBe(2);
      expect(gone.every((e) => e.end!.getTime() <= windowStart)).toBe(true);
    } finally {
      h.clock.advance(-3 * DAY);
    }
  });

  it('rotates: a new URL revokes the previous one (404), and revoking makes it 404 too', async () => {
    const first = (await bo.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    const second = (await bo.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    expect(second).not.toBe(first);
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    await bo.call('DELETE', `/api/schedules/${payments.id}/calendar-feed`, undefined, 204);
    expect((await fetchFeed(second)).status).toBe(404);
    // Revoking again is fine and changes nothing.
    await bo.call('DELETE', `/api/schedules/${payments.id}/calendar-feed`, undefined, 204);

    const audit = await h.operable.deps.database.db.selectFrom('audit_log').select(['action', 'after']).where('entity_id', '=', payments.id).where('action', 'like', 'calendar_feed.%').orderBy('id').execute();
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['calendar_feed.create', 'calendar_feed.rotate', 'calendar_feed.revoke']));
    expect(audit.filter((a) => a.action === 'calendar_feed.revoke')).toHaveLength(1);
    const token = path(second).slice('/ical/'.length, -'.ics'.length);
    expect(JSON.stringify(audit)).not.toContain(token);
    expect(JSON.stringify(h.logs)).not.toContain(token);
  });

  it('keeps each person’s URL their own, and answers 404 to guessed, altered or malformed tokens', async () => {
    const mine = (await ana.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    const theirs = (await bo.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    await bo.call('DELETE', `/api/schedules/${payments.id}/calendar-feed`, undefined, 204);
    expect((await fetchFeed(theirs)).status).toBe(404);
    expect((await fetchFeed(mine)).status).toBe(200);

    const token = path(mine).slice('/ical/'.length, -'.ics'.length);
    const flipped = token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A');
    for (const bad of [`/ical/${flipped}.ics`, `/ical/${'A'.repeat(43)}.ics`, `/ical/${token}`, `/ical/${token}.ics.txt`, '/ical/x.ics', `/ical/${'%00'.repeat(30)}.ics`]) {
      const res = await h.request(bad);
      expect(res.status, bad).toBe(404);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found');
    }
  });

  it('lets schedule editors revoke everyone’s URLs for a schedule (a leaked one), and nobody else', async () => {
    const url = (await ana.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    const res = await w.viewer.request(`/api/schedules/${payments.id}/calendar-feed?scope=everyone`, { method: 'DELETE' });
    expect(res.status).toBe(403);
    expect((await fetchFeed(url)).status).toBe(200);
    await w.responder.call('DELETE', `/api/schedules/${payments.id}/calendar-feed?scope=everyone`, undefined, 204);
    expect((await fetchFeed(url)).status).toBe(404);
  });

  it('serves a personal feed of the person’s own shifts, primary and secondary, on every schedule, overrides included', async () => {
    const london = await w.admin.call('POST', '/api/schedules', weekly(LONDON));
    // Bo covers two days of Ana's primary week of 10 November.
    await w.admin.call('POST', `/api/schedules/${payments.id}/overrides`, { userId: bo.id, start: '2026-11-12T15:00:00Z', end: '2026-11-14T15:00:00Z' });
    const { url } = await ana.call('POST', '/api/me/calendar-feed');
    const list = await events(url);
    const calendar = ical.sync.parseICS((await fetchFeed(url)).text);
    expect(calendar.vcalendar?.['WR-CALNAME' as never]).toBe('Ana Álvarez on call');
    const of = (schedule: string, role: string) => list.filter((e) => text(e.summary) === `On call (${role}) — ${schedule}`);
    expect(of(payments.name, 'secondary').length).toBeGreaterThanOrEqual(15);
    expect(of(london.name, 'primary').length).toBeGreaterThanOrEqual(15);
    expect(list.every((e) => !text(e.summary).includes('Bo'))).toBe(true);
    expectTuesdayTen(of(london.name, 'primary'), LONDON);
    expectTuesdayTen(of(payments.name, 'secondary'), NY);
    // The override cuts Ana's primary week in two.
    const split = of(payments.name, 'primary').filter((e) => e.start.toISOString() >= '2026-11-10' && e.start.toISOString() < '2026-11-17');
    expect(split.map((e) => [e.start.toISOString(), e.end!.toISOString()])).toEqual([
      ['2026-11-10T15:00:00.000Z', '2026-11-12T15:00:00.000Z'],
      ['2026-11-14T15:00:00.000Z', '2026-11-17T15:00:00.000Z'],
    ]);

    const again = (await ana.call('POST', '/api/me/calendar-feed')).url;
    expect((await fetchFeed(url)).status).toBe(404);
    await ana.call('DELETE', '/api/me/calendar-feed', undefined, 204);
    expect((await fetchFeed(again)).status).toBe(404);
  });

  it('stops serving when the schedule or the person is deleted', async () => {
    const doomed = await w.admin.call('POST', '/api/schedules', weekly(LONDON));
    const scheduleUrl = (await w.viewer.call('POST', `/api/schedules/${doomed.id}/calendar-feed`)).url;
    expect((await fetchFeed(scheduleUrl)).status).toBe(200);
    await w.admin.call('DELETE', `/api/schedules/${doomed.id}`, undefined, 204);
    expect((await fetchFeed(scheduleUrl)).status).toBe(404);

    const leaver = await createUser(w.admin, 'viewer', { name: 'Leaves Soon' });
    const personal = (await leaver.call('POST', '/api/me/calendar-feed')).url;
    const shared = (await leaver.call('POST', `/api/schedules/${payments.id}/calendar-feed`)).url;
    expect((await fetchFeed(personal)).status).toBe(200);
    await w.admin.call('DELETE', `/api/users/${leaver.id}`, undefined, 204);
    expect((await fetchFeed(personal)).status).toBe(404);
    expect((await fetchFeed(shared)).status).toBe(404);
  });

  it('answers 404 for a feed of a schedule that does not exist', async () => {
    const res = await w.viewer.request(`/api/schedules/${crypto.randomUUID()}/calendar-feed`, { method: 'POST' });
    expect(res.status).toBe(404);
  });
});

describe('the range a feed is computed over', () => {
  const WEEK = 7 * DAY;
  it('covers 4 weeks back and 26 ahead with margin, its edges fixed on a 4-week grid', () => {
    const now = Date.parse('2026-10-20T12:00:00Z');
    const r = feedRange(now);
    expect([r.from, r.to]).toEqual([now - 4 * WEEK, now + 26 * WEEK]);
    expect(r.computeFrom).toBeLessThanOrEqual(r.from - 4 * WEEK);
    expect(r.computeTo).toBeGreaterThanOrEqual(r.to + 4 * WEEK);
    expect(r.computeFrom % (4 * WEEK)).toBe(0);
    expect(r.computeTo % (4 * WEEK)).toBe(0);
    // A day later the computed range, and so every UID, is the same unless a grid line was crossed.
    let same = 0;
    for (let d = 1; d <= 28; d++) if (feedRange(now + d * DAY).computeFrom === r.computeFrom) same++;
    expect(same).toBeGreaterThanOrEqual(1);
    expect(same).toBeLessThan(28);
  });
});
