import { CreatePublicIncident, CreateStatuspageComponent } from '@operable/shared';
import { statuspage } from '@operable/server';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { axeProblems } from './a11y.js';
import { browserReady, useBrowserWorld } from './browser-support.js';

const SHOTS = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

/**
 * The public status page as a customer sees it during an outage: JavaScript off,
 * on a phone and on a desktop, light and dark. It must say what is broken first,
 * show the open incident with its next update time, the bars, and stay inside the
 * screen.
 */
describe.skipIf(!browserReady)('browser: the public status page with JavaScript off', () => {
  let websiteAnchor = '';
  const world = useBrowserWorld(async (ctx) => {
    await statuspage.updateStatuspageSettings(ctx, { name: 'Acme Cloud', contactEmail: 'support@acme.test', brandColor: '#8250df' });
    const group = await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Platform', isGroup: true }));
    const names = ['API', 'Database', 'Queue', 'Object storage with a rather long name that must wrap on a phone'];
    const ids: string[] = [];
    for (const name of names) ids.push((await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name, groupId: group.id }))).id);
    const website = await statuspage.createStatuspageComponent(ctx, CreateStatuspageComponent.parse({ name: 'Website', startDate: '2020-01-01' }));
    websiteAnchor = `c-${website.id.slice(0, 8)}`;
    // An hour of major outage ten days ago, as the daily rollup records it.
    const day = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
    await ctx.db.insertInto('statuspage_component_days').values({ component_id: website.id, day, major_seconds: 3600 }).execute();
    await statuspage.createPublicIncident(
      ctx,
      CreatePublicIncident.parse({
        kind: 'incident',
        name: 'Elevated API error rates',
        impact: 'major',
        body: 'We have identified a faulty load balancer and are replacing it.',
        componentStatuses: { [ids[0]!]: 'partial_outage' },
        nextUpdateAt: new Date(Date.now() + 30 * 60_000).toISOString(),
      }),
    );
  });

  for (const width of [390, 1366]) {
    for (const colorScheme of ['light', 'dark'] as const) {
      it(`reads at ${width} px, ${colorScheme}`, async () => {
        const context = await world.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 }, colorScheme, baseURL: world.url });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        const res = await page.goto('/status');
        expect(res?.status()).toBe(200);
        // What is broken comes first.
        const h1 = page.getByRole('heading', { level: 1 });
        await expect(h1.textContent()).resolves.toBe('Partial System Outage');
        await page.getByRole('heading', { name: 'Elevated API error rates' }).waitFor();
        await page.getByText(/^Next update by /).waitFor();
        await page.getByText('Partial outage', { exact: true }).first().waitFor();
        expect(await page.locator('.bars').count()).toBe(5);
        // Days are drawn by the stylesheet; a day with time in another status is an element on its day.
        const websiteBars = page.getByRole('img', { name: /^Website: \d+\.\d\d % uptime over the last 90 days$/ });
        const bad = websiteBars.locator('i');
        expect(await bad.count()).toBe(1);
        expect(await bad.getAttribute('class')).toMatch(/^m at(78|79)$/);
        const at = Number(/at(\d+)/.exec((await bad.getAttribute('class'))!)![1]);
        // Hovering that day shows its title, the day before is the bar; each day is 1/90 of the bar.
        await websiteBars.scrollIntoViewIfNeeded();
        const box = (await websiteBars.boundingBox())!;
        const under = (day: number) =>
          page.evaluate(([x, y]) => {
            const el = document.elementFromPoint(x!, y!)!;
            return el.tagName === 'I' ? el.getAttribute('title') : el.className;
          }, [box.x + ((day + 0.5) * box.width) / 90, box.y + box.height / 2]);
        expect(await under(at)).toMatch(/^\w{3} \d+: major outage 1 h 0 min$/);
        expect(await under(at - 1)).toBe('bars');
        expect(await under(at + 1)).toBe('bars');
        // Components made today have no data before today.
        expect(await page.locator('.bars.from89').count()).toBe(4);
        await page.getByRole('link', { name: 'support@acme.test' }).waitFor();

        // Nothing wider than the screen.
        const bodyBox = await page.locator('main').boundingBox();
        expect(bodyBox!.width).toBeLessThanOrEqual(width);
        for (const box of await Promise.all((await page.locator('.component').all()).map((c) => c.boundingBox()))) {
          expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        }
        // The colour scheme follows the system.
        const background = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
        expect(background).toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 248, 250)');

        // Groups fold and unfold without script.
        await page.getByText('Platform', { exact: true }).click();
        await expect(page.getByText('Database', { exact: true }).isVisible()).resolves.toBe(false);
        await page.getByText('Platform', { exact: true }).click();
        await expect(page.getByText('Database', { exact: true }).isVisible()).resolves.toBe(true);

        // The feed and API links work from the page.
        await page.getByRole('link', { name: 'JSON API' }).click();
        expect(page.url()).toBe(`${world.url}/api/v2/summary.json`);
        await context.close();

        // axe needs script to run (its promises never settle with JavaScript off); the page has none of its own.
        const withScript = await world.browser.newContext({ viewport: { width, height: 900 }, colorScheme, baseURL: world.url });
        const checked = await withScript.newPage();
        await checked.goto('/status');
        // No meta refresh either: reloading under a screen reader every minute fails WCAG 2.2.1.
        const problems = await axeProblems(checked);
        expect(problems, `axe on the public page at ${width} px, ${colorScheme}`).toEqual([]);
        await withScript.close();
      });

      it(`the uptime page reads at ${width} px, ${colorScheme}, reached from the page's legend`, async () => {
        mkdirSync(SHOTS, { recursive: true });
        const context = await world.browser.newContext({ javaScriptEnabled: false, viewport: { width, height: 900 }, colorScheme, baseURL: world.url });
        const page = await context.newPage();
        page.setDefaultTimeout(10_000);
        await page.goto('/status');
        await page.screenshot({ path: `${SHOTS}statuspage-${width}-${colorScheme}.png`, fullPage: true });
        // The legend under Website's bars leads to Website's days, where the one red day is written out.
        const legend = page.locator('.component', { hasText: 'Website' }).getByRole('link', { name: /^\d+\.\d\d % uptime$/ });
        await legend.click();
        await page.waitForURL(/uptime\.html/);
        expect(page.url()).toBe(`${world.url}/status/uptime.html#${websiteAnchor}`);
        await expect(page.locator(':target').getAttribute('id')).resolves.toBe(websiteAnchor);
        const website = page.locator(`#${websiteAnchor}`);
        await expect(website.getByRole('heading', { level: 2 }).textContent()).resolves.toBe('Website');
        await expect(website.locator('.days li').count()).resolves.toBe(1);
        await expect(website.locator('.days li').textContent()).resolves.toMatch(/^\w{3} \d+, \d{4}Major outagemajor outage 1 h 0 min$/);
        // The target is on screen, and the other components say they had no bad day.
        const box = (await website.boundingBox())!;
        expect(box.y).toBeGreaterThanOrEqual(0);
        expect(box.y).toBeLessThan(900);
        await expect(page.locator('.component', { hasText: 'Database' }).locator('.quiet').textContent()).resolves.toBe('Operational today.');
        // Platform's members sit under its heading, as on the page.
        await expect(page.locator('.group h2').textContent()).resolves.toBe('Platform');
        expect(await page.locator('.group .component h3').count()).toBe(4);
        await page.screenshot({ path: `${SHOTS}statuspage-uptime-${width}-${colorScheme}.png`, fullPage: true });

        // Nothing wider than the screen.
        for (const b of await Promise.all((await page.locator('main, .component, .days li').all()).map((c) => c.boundingBox()))) {
          expect(b!.x + b!.width).toBeLessThanOrEqual(width);
        }
        const background = await page.locator('body').evaluate((b) => getComputedStyle(b).backgroundColor);
        expect(background).toBe(colorScheme === 'dark' ? 'rgb(13, 17, 23)' : 'rgb(246, 248, 250)');

        // And back to the page.
        await page.getByRole('link', { name: '← Current status' }).click();
        await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Partial System Outage');
        expect(page.url()).toBe(`${world.url}/status/index.html`);
        await context.close();

        const withScript = await world.browser.newContext({ viewport: { width, height: 900 }, colorScheme, baseURL: world.url });
        const checked = await withScript.newPage();
        await checked.goto(`/status/uptime.html#${websiteAnchor}`);
        const problems = await axeProblems(checked);
        expect(problems, `axe on the uptime page at ${width} px, ${colorScheme}`).toEqual([]);
        await withScript.close();
      });
    }
  }
});
