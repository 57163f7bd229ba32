/**
 * What the browser tests share: one Debian Chromium per test file (Playwright's own browser
 * download does not work everywhere we run), an axe check for the WCAG 2.1 A and AA rules, a
 * recorder of every request a page makes, and full-page screenshots under test-results/.
 */
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, expect } from 'vitest';

export const root = resolve(import.meta.dirname, '../..');
export const screenshots = resolve(root, 'test-results/screenshots');

/** Starts Chromium for this test file; closed after the file's tests. */
export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: process.env.SKC_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  afterAll(() => browser.close());
  return browser;
}

export const desktop = { width: 1280, height: 900 };
export const mobile = { width: 360, height: 740 };

/** A context that asks for Swedish, with or without JavaScript. */
export function newContext(
  browser: Browser,
  options: { javaScript?: boolean; viewport?: { width: number; height: number } } = {},
): Promise<BrowserContext> {
  return browser.newContext({
    locale: 'sv-SE',
    javaScriptEnabled: options.javaScript ?? true,
    viewport: options.viewport ?? desktop,
    reducedMotion: 'reduce',
  });
}

/** Zero violations of the WCAG 2.0/2.1 level A and AA rules, with the failing nodes in the message. */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  const result = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  const findings = result.violations.map(
    (violation) =>
      `${violation.id} (${violation.impact}): ${violation.help}\n` +
      violation.nodes.map((node) => `    ${node.target.join(' ')}: ${node.failureSummary}`).join('\n'),
  );
  expect(findings, `axe on ${state}`).toEqual([]);
}

/** The widest the document gets, to compare with the viewport's width. */
export function scrollWidth(page: Page): Promise<number> {
  return page.evaluate(() => document.scrollingElement!.scrollWidth);
}

/** Saves a full-page screenshot under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(screenshots, { recursive: true });
  const path = resolve(screenshots, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

/** Records the URL of every request the page makes, to check none leaves the app's origin. */
export function recordRequests(page: Page): string[] {
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  return requested;
}

/**
 * Presses Tab until the focused element matches `selector`. Focus must only move forward in
 * document order on the way (WCAG 2.4.3): wrapping round or jumping back fails, so a field that is
 * reached only out of order is a failure, not a longer walk.
 */
export async function tabTo(page: Page, selector: string, limit = 400): Promise<void> {
  for (let presses = 0; presses < limit; presses += 1) {
    const step = await page.evaluate(
      ([wanted, first]) => {
        const state = window as unknown as { previousFocus?: Element | null };
        const before = first ? null : state.previousFocus;
        const now = document.activeElement;
        state.previousFocus = now;
        const backwards =
          !!before && !!now && !!(before.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_PRECEDING);
        return {
          found: now?.matches(wanted) ?? false,
          backwards,
          name: now?.getAttribute('name') ?? now?.tagName,
        };
      },
      [selector, presses === 0] as const,
    );
    if (step.found) return;
    if (step.backwards) throw new Error(`focus went back to ${step.name} before reaching ${selector}`);
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}
