import { writeFileSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, it } from 'vitest';
import { buildReport } from '../../shared/core/report/model.ts';
import { reportPage } from '../../shared/views/report/page.ts';
import { reportSource } from '../fixtures/report.ts';
import {
  desktop,
  expectAccessible,
  launchBrowser,
  mobile,
  newContext,
  recordRequests,
  root,
  screenshot,
  scrollWidth,
} from './browser.ts';

// The page is a file the working group opens or prints: render the fixed report to one.
const folder = resolve(root, 'test-results');
mkdirSync(folder, { recursive: true });
const file = resolve(folder, 'report.html');
writeFileSync(file, reportPage(buildReport(reportSource)));
const url = pathToFileURL(file).href;

const browser = await launchBrowser();

for (const [name, viewport] of [
  ['desktop', desktop],
  ['mobile', mobile],
] as const) {
  it(`is accessible, self-contained and no wider than the screen on ${name}`, async () => {
    const context = await newContext(browser, { viewport });
    const page = await context.newPage();
    const requested = recordRequests(page);
    await page.goto(url);
    expect(await page.locator('h1').innerText()).toBe('Utvärdering av piloten');
    // axe's rules do not depend on the width, and a whole report takes it a while: once is enough.
    if (viewport === mobile) await expectAccessible(page, 'report');
    expect(await scrollWidth(page)).toBeLessThanOrEqual(viewport.width);
    expect(requested.filter((request) => request !== url)).toEqual([]);
    // A withheld figure reads "för få svar"; the baseline stands apart.
    await expect
      .poll(() => page.locator('#centre-smedjan-value').locator('..').locator('..').innerText())
      .toContain('för få svar');
    expect(await page.locator('#centre-additivt-value').locator('..').innerText()).toContain(
      'Före godkännande',
    );
    await screenshot(page, `report-${name}`);
    await context.close();
  }, 180_000);
}

it('prints without the table of contents', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(url);
  await page.emulateMedia({ media: 'print' });
  expect(await page.locator('nav.contents').isVisible()).toBe(false);
  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
  await context.close();
});
