import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { inTransaction, loadConfig, startServer, type Ctx, type RunningServer } from '@operable/server';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

/**
 * Browser tests drive the built UI, served by a real server on the embedded
 * database, in Debian's Chromium. `npm test` builds the UI first.
 */
export const CHROMIUM = '/usr/bin/chromium';
const WEB_DIR = fileURLToPath(new URL('../dist/', import.meta.url));
export const browserReady = existsSync(CHROMIUM) && existsSync(`${WEB_DIR}/index.html`);
if (!browserReady && process.env.CI === 'true') throw new Error(`CI=true needs ${CHROMIUM} and a built UI in ${WEB_DIR}`);

/** The password of every person the browser tests make. */
export const PASSWORD = 'a long enough password';

/** Opens `path` signed out and signs in on the form the app shows there; the app then shows `path`. */
export async function signInAt(page: Page, path: string, email: string): Promise<void> {
  await page.goto(path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

/**
 * Collects Content-Security-Policy violations from every page of `browser` (newPage
 * makes its context through newContext): the page reports each one to its console.
 */
function watchCsp(browser: Browser, violations: string[]) {
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await context.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || 'inline'} in ${e.documentURI}`));
    });
    context.on('console', (m) => {
      if (m.type() === 'error' && /CSP violation|Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    return context;
  };
}

/**
 * Registers beforeAll/afterAll for one server (seeded by `seed`) and one browser.
 * Any Content-Security-Policy violation on any page fails the suite at the end.
 */
export function useBrowserWorld(seed: (ctx: Ctx) => Promise<void>, options: { role?: 'all' | 'api'; env?: () => Record<string, string> } = {}) {
  const world = { cspViolations: [] } as unknown as { server: RunningServer; browser: Browser; url: string; cspViolations: string[] };
  beforeAll(async () => {
    const config = loadConfig({ PORT: '0', OPERABLE_DATA_DIR: 'memory://', OPERABLE_LOG_LEVEL: 'error', OPERABLE_WEB_DIR: WEB_DIR, ...options.env?.() });
    // 'all' runs the engine too (on the real clock), for pages that show who was notified.
    world.server = await startServer(config, options.role ?? 'api');
    const { operable } = world.server;
    await inTransaction(operable.deps.database.db, (db) => seed(operable.systemCtx(db)));
    world.url = `http://127.0.0.1:${world.server.port}`;
    world.browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
    watchCsp(world.browser, world.cspViolations);
  });
  afterAll(async () => {
    await world.browser?.close();
    await world.server?.stop();
    expect(world.cspViolations, 'Content-Security-Policy violations').toEqual([]);
  });
  return world;
}
