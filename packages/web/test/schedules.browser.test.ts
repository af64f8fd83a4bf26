import { CreateTeam, CreateUser } from '@operable/shared';
import { auth, catalog } from '@operable/server';
import { DateTime } from 'luxon';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { browserReady, PASSWORD, signInAt, useBrowserWorld } from './browser-support.js';

/**
 * A weekly rotation of three people, made in the UI: the right person is on call on
 * the schedule page and in the API, and an override made by tapping the current
 * shift on a phone changes who is on call.
 */
const EMAIL = 'sam@example.com';
const PEOPLE = ['Alice Ash', 'Bob Birch', 'Cleo Cedar'];
const emailOf = (name: string) => `${name.split(' ')[0]!.toLowerCase()}@example.com`;
const HOUR = 3_600_000;

/** Handoffs are Tuesdays 10:00 in the schedule's zone: pick a zone where none is near now, so the answer can't change mid-test. */
function quietZone(now: DateTime): string {
  for (const zone of ['Europe/Berlin', 'America/New_York', 'Asia/Tokyo']) {
    const local = now.setZone(zone);
    const tuesday = local.minus({ days: (local.weekday - 2 + 7) % 7 }).set({ hour: 10, minute: 0, second: 0, millisecond: 0 });
    const distance = Math.min(...[-7, 0, 7].map((d) => Math.abs(tuesday.plus({ days: d }).toMillis() - now.toMillis())));
    if (distance > 2 * HOUR) return zone;
  }
  throw new Error('unreachable: Tuesday 10:00 cannot be near now in three zones hours apart');
}

/** First handoff on or after the start date (Tuesday 10:00 local), then whole weeks since it: who is on call, and that shift. */
function currentShift(startDate: string, zone: string, now: DateTime): { index: number; start: DateTime; end: DateTime } {
  const start = DateTime.fromISO(startDate, { zone });
  const first = start.plus({ days: (2 - start.weekday + 7) % 7 }).set({ hour: 10, minute: 0 });
  let weeks = 0;
  while (first.plus({ weeks: weeks + 1 }) <= now) weeks++;
  expect(first <= now).toBe(true);
  return { index: weeks % PEOPLE.length, start: first.plus({ weeks }), end: first.plus({ weeks: weeks + 1 }) };
}
const onCallIndex = (startDate: string, zone: string, now: DateTime) => currentShift(startDate, zone, now).index;

/** A start date some weeks back at which the second person is on call now, so "first in the list" can't pass by luck. */
function chooseStart(zone: string, now: DateTime): string {
  for (let back = 20; back < 60; back++) {
    const date = now.setZone(zone).minus({ days: back }).toISODate()!;
    if (onCallIndex(date, zone, now) === 1) return date;
  }
  throw new Error('no start date found');
}

async function signIn(browser: Browser, url: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage(viewport ? { viewport } : undefined);
  // Fail at the step that went wrong rather than at the test's time limit.
  page.setDefaultTimeout(10_000);
  await signInAt(page, `${url}${path}`, EMAIL);
  return page;
}

const onCallApi = async (page: Page, scheduleId: string) =>
  (await page.evaluate(async (id) => (await fetch(`/api/oncall?scheduleId=${id}`)).json(), scheduleId)) as {
    items: { role: string; user: { name: string } }[];
  };

const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth);

describe.skipIf(!browserReady)('browser: a weekly rotation, who is on call, and an override from the timeline', () => {
  const world = useBrowserWorld(async (ctx) => {
    // The viewer's zone differs from the schedule's, with a half-hour offset to catch zone slips.
    const me = await auth.createUser(ctx, CreateUser.parse({ name: 'Sam Scheduler', email: EMAIL, role: 'responder', password: PASSWORD, timeZone: 'Asia/Kolkata' }));
    const ids = [me.id];
    for (const name of PEOPLE) {
      ids.push((await auth.createUser(ctx, CreateUser.parse({ name, email: emailOf(name), role: 'responder', password: PASSWORD }))).id);
    }
    await catalog.createTeam(ctx, CreateTeam.parse({ name: 'Payments', memberIds: ids }));
  });

  it('shows the right person on call and lets an override take over', async () => {
    const now = DateTime.now();
    const zone = quietZone(now);
    const startDate = chooseStart(zone, now);
    const expected = PEOPLE[onCallIndex(startDate, zone, now)]!;
    const stand = PEOPLE.find((p) => p !== expected)!;

    const page = await signIn(world.browser, world.url, '/schedules');
    await page.getByRole('link', { name: 'New schedule' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Payments on call');
    await page.getByLabel('Team').selectOption({ label: 'Payments' });
    await page.getByLabel('Time zone').selectOption(zone);
    for (const person of PEOPLE) {
      await page.getByLabel('Add a person to layer 1').selectOption({ label: `${person} (${emailOf(person)})` });
      await page.getByRole('button', { name: 'Add person' }).click();
    }
    await expect.poll(() => page.getByRole('list', { name: 'Rotation order, layer 1' }).getByRole('listitem').allInnerTexts()).toHaveLength(3);
    // Weekly, Tuesday 10:00 are the defaults; only the start date is ours.
    expect(await page.getByRole('combobox', { name: /^Rotation\W+layer 1$/ }).inputValue()).toBe('weekly');
    expect(await page.getByLabel('Handoff day').inputValue()).toBe('2');
    expect(await page.getByLabel('Handoff time').inputValue()).toBe('10:00');
    await page.getByLabel('Start date').fill(startDate);
    await page.getByRole('button', { name: 'Create schedule' }).click();

    await page.getByRole('heading', { name: 'Payments on call', level: 1 }).waitFor();
    const scheduleId = new URL(page.url()).pathname.split('/').pop()!;
    await expect.poll(() => page.getByRole('list', { name: 'On call now' }).innerText()).toContain(expected);
    const current = page.getByRole('list', { name: 'On call: primary' }).getByRole('button', { name: /on call now/ });
    expect(await current.getAttribute('aria-label')).toMatch(new RegExp(`^${expected}, `));
    // The API agrees with the page and with the rule.
    expect((await onCallApi(page, scheduleId)).items.map((i) => [i.role, i.user.name])).toEqual([['primary', expected]]);

    // On a phone: the page fits, the timeline scrolls inside its own box, and tapping the current shift overrides it.
    const phone = await signIn(world.browser, world.url, `/schedules/${scheduleId}`, { width: 390, height: 844 });
    await phone.getByRole('heading', { name: 'Payments on call', level: 1 }).waitFor();
    await phone.getByRole('list', { name: 'On call: primary' }).waitFor();
    expect(await pageOverflows(phone)).toBe(false);
    await phone.getByRole('list', { name: 'On call: primary' }).getByRole('button', { name: /on call now/ }).click();
    await phone.getByLabel('Who is on call instead').selectOption({ label: `${stand} (${emailOf(stand)})` });
    await phone.getByLabel('Reason').fill('Covering a dentist appointment');
    await phone.getByRole('button', { name: 'Add override' }).click();

    const overridden = phone.getByRole('list', { name: 'On call: primary' }).getByRole('button', { name: /on call now/ });
    await expect.poll(() => overridden.getAttribute('aria-label')).toMatch(new RegExp(`^${stand}, .*override`));
    await expect.poll(() => phone.getByRole('list', { name: 'On call now' }).innerText()).toContain(stand);
    await phone.getByRole('list', { name: 'Overrides in this view' }).getByText('Covering a dentist appointment').waitFor();
    expect((await onCallApi(phone, scheduleId)).items.map((i) => i.user.name)).toEqual([stand]);
    // The override runs from now (never from the past) to the tapped shift's end, through the viewer's zone and back.
    const shift = currentShift(startDate, zone, now);
    const range = `from=${encodeURIComponent(shift.start.toUTC().toISO()!)}&to=${encodeURIComponent(shift.end.toUTC().toISO()!)}`;
    const overrides = (await phone.evaluate(async (q) => (await fetch(q)).json(), `/api/schedules/${scheduleId}/overrides?${range}`)) as {
      items: { start: string; end: string; reason: string }[];
    };
    expect(overrides.items.map((o) => [Date.parse(o.end), o.reason])).toEqual([[shift.end.toMillis(), 'Covering a dentist appointment']]);
    const from = Date.parse(overrides.items[0]!.start);
    expect(from).toBeGreaterThan(Math.max(shift.start.toMillis(), Date.now() - 5 * 60_000));
    expect(from).toBeLessThanOrEqual(Date.now());
    expect(await pageOverflows(phone)).toBe(false);

    // The home page's panel says the same.
    await phone.goto(`${world.url}/alerts`);
    await expect.poll(() => phone.getByRole('region', { name: 'On call now' }).innerText()).toContain(stand);
  });

  it('says beside an hour rotation whether its handoffs keep their local times across daylight-saving changes', async () => {
    const page = await signIn(world.browser, world.url, '/schedules', { width: 390, height: 844 });
    await page.getByRole('link', { name: 'New schedule' }).click();
    const rotation = page.getByRole('combobox', { name: /^Rotation\W+layer 1$/ });
    // What a screen reader hears with the field: its hint, by aria-describedby.
    const description = (field: typeof rotation) =>
      field.evaluate((el) => (el.getAttribute('aria-describedby') ?? '').split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' '));
    const keeps = 'Handoffs stay at the same local times across daylight-saving changes.';
    expect(await description(rotation)).toBe('');
    await rotation.selectOption('hourly');
    await expect.poll(() => description(rotation)).toBe(keeps);
    await rotation.selectOption('hours');
    const length = page.getByRole('spinbutton', { name: /^Shift length in hours\W+layer 1$/ });
    await length.fill('12');
    await expect.poll(() => description(length)).toBe(keeps);
    await length.fill('5');
    await expect.poll(() => description(length)).toBe('Shifts keep their exact length in hours; handoff times move by an hour across daylight-saving changes.');
    await page.getByText('Shifts keep their exact length in hours').waitFor();
    expect(await pageOverflows(page)).toBe(false);
  });
});
