import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/**
 * Accessibility and look checks for browser tests: axe-core runs inside the page
 * (evaluated through the DevTools protocol, so the app's Content-Security-Policy,
 * which refuses inline scripts, is neither weakened nor tripped), and screenshots
 * are taken at the two widths that matter: a phone (390 px) and a laptop (1366 px),
 * in the light and the dark theme.
 */

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SHOTS_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export const PHONE = { width: 390, height: 844 } as const;
export const LAPTOP = { width: 1366, height: 900 } as const;

interface AxeNode {
  target: string[];
  failureSummary?: string;
}
interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: AxeNode[];
}

/** What axe finds serious or critical on the page as it is now, one line per rule and element. */
export async function axeProblems(page: Page): Promise<string[]> {
  const loaded = await page.evaluate(() => typeof (window as { axe?: unknown }).axe === 'object');
  if (!loaded) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: unknown[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return (violations as AxeViolation[])
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.impact} ${v.id}: ${v.help} at ${n.target.join(' ')}`));
}

/** Fails the test when axe finds a serious or critical violation; `where` names the page in the message. */
export async function expectAccessible(page: Page, where: string): Promise<void> {
  expect(await axeProblems(page), `axe on ${where}`).toEqual([]);
}

/** Sets the theme the way the app stores it, and reloads only if it changed. */
export async function useTheme(page: Page, theme: 'light' | 'dark'): Promise<void> {
  await page.evaluate((t) => {
    localStorage.setItem('operable.theme', t);
    document.documentElement.dataset.theme = t;
  }, theme);
}

/**
 * Checks the current page with axe and photographs it at 390 px and 1366 px, light
 * and dark (both themes are checked: contrast differs). Leaves the page at `keep`
 * (default: phone, light). Files go to test-results/screenshots/<name>-<width>-<theme>.png.
 */
export async function checkEverywhere(page: Page, name: string, keep: { width: number; height: number } = PHONE): Promise<string[]> {
  mkdirSync(SHOTS_DIR, { recursive: true });
  // Colour transitions would let axe measure contrast halfway between two themes.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const files: string[] = [];
  for (const size of [PHONE, LAPTOP]) {
    await page.setViewportSize(size);
    for (const theme of ['light', 'dark'] as const) {
      await useTheme(page, theme);
      await expectAccessible(page, `${name} at ${size.width} px, ${theme}`);
      const file = `${SHOTS_DIR}${name}-${size.width}-${theme}.png`;
      await page.screenshot({ path: file, fullPage: true });
      files.push(file);
    }
  }
  await useTheme(page, 'light');
  await page.setViewportSize(keep);
  return files;
}
