/**
 * The browser tests every survey goes through: the empty form (axe, nothing loaded from elsewhere,
 * 360 px), a keyboard-only answer through the error summary to the receipt, the same without
 * JavaScript on a phone-sized screen, and the English form.
 */
import { resolve } from 'node:path';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, expect, it } from 'vitest';
import type { Survey, Text } from '../../shared/core/definition.ts';
import type { Answers } from '../../shared/core/validation.ts';
import type { App } from '../integration/harness.ts';
import {
  desktop,
  expectAccessible,
  mobile,
  newContext,
  recordRequests,
  root,
  screenshot,
  scrollWidth,
  tabTo,
} from './browser.ts';
import { fillDirectly, fillWithKeyboard, named, referenceOf } from './forms.ts';

export type SuiteOptions = {
  app: App;
  browser: Browser;
  survey: Survey;
  example: () => Answers;
  /** A fresh link to the form (a new invitation for invite surveys). */
  open: (lang?: 'en') => Promise<string>;
  /** Also saves the README's mobile screenshot. */
  readmeScreenshot?: boolean;
};

/** Bytes over the wire (headers and body) of each page, printed after the file's tests. */
const weights: { page: string; bytes: number }[] = [];
afterAll(() => {
  if (weights.length)
    console.log(
      'page weight (bytes over the wire)\n' +
        weights.map(({ page, bytes }) => `  ${String(bytes).padStart(7)}  ${page}`).join('\n'),
    );
});

/** Generous for a server-rendered page that has everything inline; catches a framework or a font. */
export const PAGE_BYTES_LIMIT = 160_000;

/**
 * Bytes over the wire for a page: its status line and headers, and its body (uncompressed here,
 * as API Gateway sends it unless compression is turned on).
 */
export async function weigh(name: string, response: Response | null): Promise<number> {
  expect(response, name).not.toBeNull();
  const headers = await response!.headersArray();
  const head = headers.reduce((sum, { name, value }) => sum + name.length + value.length + 4, 17);
  const bytes = head + (await response!.body()).length;
  weights.push({ page: name, bytes });
  expect(bytes, name).toBeLessThan(PAGE_BYTES_LIMIT);
  return bytes;
}

/** Everything a page asked for came from the app itself, and it runs no script but our one. */
export async function expectSelfContained(page: Page, appUrl: string, requested: string[]) {
  for (const url of requested) expect(url.startsWith(`${appUrl}/`), url).toBe(true);
  const scripts = await page.evaluate(() =>
    Array.from(document.scripts, (script) => ({ src: script.src, length: script.text.length })),
  );
  expect(scripts.length).toBeLessThanOrEqual(1);
  for (const script of scripts) {
    expect(script.src).toBe('');
    expect(script.length).toBeLessThan(4_000);
  }
  expect(await page.locator('link[rel=stylesheet], iframe, img[src^="http"]').count()).toBe(0);
}

function isPost(response: Response): boolean {
  return response.request().method() === 'POST';
}

/** Swedish texts of the survey that differ from their English twin. */
function swedishTexts(survey: Survey): string[] {
  const texts: Text[] = [survey.title, ...(survey.description ? [survey.description] : [])];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const record = value as Record<string, unknown>;
      if (typeof record.sv === 'string' && typeof record.en === 'string') texts.push(record as Text);
      else Object.values(record).forEach(visit);
    }
  };
  visit(survey.sections);
  return texts.filter((text) => text.sv !== text.en).map((text) => text.sv);
}

/** Interface text of the form frame in Swedish; none may remain on the English page. */
const swedishInterface = [
  'obligatorisk',
  'Skicka in',
  'Del 1 av',
  'Formulärets delar',
  'Det tar ungefär',
  'Era svar sparas',
  'Hoppa till innehållet',
  'Så behandlar vi personuppgifter',
  'Tillgänglighetsredogörelse',
  'Lägg till',
  'Välj',
];

/** Tab by Tab through the longest form takes a while on a busy two-core machine. */
const KEYBOARD_TIMEOUT = 150_000;

export function surveySuite(options: SuiteOptions): void {
  const { app, browser, survey, example } = options;
  const draftKey = `skc-draft:${survey.id}`;

  if (survey.access === 'invite') {
    it('greets the invited organisation by name', async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      await page.goto(app.url + (await options.open()));
      expect(await page.locator('main').innerText()).toContain('Välkommen, Verkstads AB i Hultsfred.');
      await context.close();
    });
  }

  it('shows an empty form that passes axe, loads nothing from elsewhere and fits a 360 px screen', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const requested = recordRequests(page);
    const response = await page.goto(app.url + (await options.open()));
    expect(response?.status()).toBe(200);
    await expectAccessible(page, `${survey.id}: empty form`);
    await weigh(`${survey.id}: form`, response);
    await expectSelfContained(page, app.url, requested);
    expect(requested).toEqual([page.url()]);
    // The stylesheet applied: the CSP hash matches the inline style the page carries.
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('header.site')!).color)).toBe(
      'rgb(255, 255, 255)',
    );
    await screenshot(page, `${survey.id}-desktop`);

    await page.setViewportSize(mobile);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(mobile.width);
    await screenshot(page, `${survey.id}-mobile`);
    if (options.readmeScreenshot) {
      const height = Math.min(1600, await page.evaluate(() => document.documentElement.scrollHeight));
      await page.screenshot({
        path: resolve(root, 'docs/form-mobile.png'),
        fullPage: true,
        clip: { x: 0, y: 0, width: mobile.width, height },
      });
    }
    await context.close();
  });

  it(
    'is answered with the keyboard alone: an empty submit focuses the error summary, its links focus the fields, then the receipt',
    async () => {
      const context = await newContext(browser);
      const page = await context.newPage();
      const path = await options.open();
      await page.goto(app.url + path);

      // Enter in a field submits the whole form (not "add another course", the first button below it).
      const group = survey.sections.flatMap((s) => s.questions).find((q) => q.type === 'group');
      const firstText = group?.type === 'group' ? named(`${group.id}.0.${group.fields[0]!.id}`) : undefined;
      const rejected = page.waitForResponse(isPost);
      if (firstText) {
        await tabTo(page, firstText);
        await page.keyboard.press('Enter');
      } else {
        await tabTo(page, 'button.primary');
        await page.keyboard.press('Enter');
      }
      expect((await rejected).status()).toBe(400);
      await page.waitForSelector('.error-summary');
      if (firstText) expect(await page.locator(firstText.replace('.0.', '.1.')).count()).toBe(0);

      const links = page.locator('.error-summary a');
      const count = await links.count();
      expect(count).toBeGreaterThan(0);
      expect(await page.title()).toContain(`(${count} fel)`);
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.classList.contains('error-summary')))
        .toBe(true);
      const targets = await links.evaluateAll((anchors) =>
        anchors.map((anchor) => {
          const target = document.getElementById(anchor.getAttribute('href')!.slice(1));
          return target?.matches('input, select, textarea') ?? false;
        }),
      );
      expect(targets).toEqual(targets.map(() => true));
      await expectAccessible(page, `${survey.id}: form with errors`);
      await screenshot(page, `${survey.id}-errors-desktop`);

      await page.keyboard.press('Tab');
      const firstTarget = (await links.first().getAttribute('href'))!.slice(1);
      expect(await page.evaluate(() => document.activeElement?.getAttribute('href'))).toBe(`#${firstTarget}`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(firstTarget);

      await fillWithKeyboard(page, survey, example());
      expect(await page.evaluate((key) => localStorage.getItem(key), draftKey)).not.toBeNull();
      const accepted = page.waitForResponse(isPost);
      const receipt = page.waitForResponse((response) => response.url().includes('/receipt/'));
      await tabTo(page, 'button.primary');
      await page.keyboard.press('Enter');
      expect((await accepted).status()).toBe(303);
      await weigh(`${survey.id}: receipt`, await receipt);
      await page.waitForURL(/\/receipt\//);
      await referenceOf(page);
      expect(await page.evaluate((key) => localStorage.getItem(key), draftKey)).toBeNull();
      await expectAccessible(page, `${survey.id}: receipt`);

      if (survey.access === 'invite') {
        const again = await page.goto(app.url + path);
        expect(again?.status()).toBe(409);
        await expectAccessible(page, `${survey.id}: already answered (409)`);
        await weigh(`${survey.id}: already answered (409)`, again);
      }
      await context.close();
    },
    KEYBOARD_TIMEOUT,
  );

  it('works without JavaScript on a 360 px screen: 400 with an error summary, then 303 to the receipt', async () => {
    const context = await newContext(browser, { javaScript: false, viewport: mobile });
    const page = await context.newPage();
    await page.goto(app.url + (await options.open()));
    expect(await scrollWidth(page)).toBeLessThanOrEqual(mobile.width);

    const rejected = page.waitForResponse(isPost);
    await page.locator('button.primary').press('Enter');
    const rejection = await rejected;
    expect(rejection.status()).toBe(400);
    expect(rejection.request().headers()['content-type']).toBe('application/x-www-form-urlencoded');
    await page.waitForSelector('.error-summary');
    await weigh(`${survey.id}: form with errors`, rejection);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(mobile.width);
    await screenshot(page, `${survey.id}-errors-mobile`);
    // axe needs JavaScript in the page; the same markup is checked with JavaScript above.
    const first = page.locator('.error-summary a').first();
    const target = (await first.getAttribute('href'))!.slice(1);
    await first.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(target);

    await fillDirectly(page, survey, example());
    const accepted = page.waitForResponse(isPost);
    await page.locator('button.primary').press('Enter');
    const acceptance = await accepted;
    expect(acceptance.status()).toBe(303);
    expect(await acceptance.headerValue('location')).toMatch(new RegExp(`^/forms/${survey.id}/receipt/`));
    await page.waitForURL(/\/receipt\//);
    await referenceOf(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(mobile.width);
    await screenshot(page, `${survey.id}-receipt-mobile`);
    await context.close();
  });

  it('switches every text to English with ?lang=en, through errors to the receipt', async () => {
    const context = await newContext(browser, { viewport: desktop });
    const page = await context.newPage();
    await page.goto(app.url + (await options.open('en')));
    const expectEnglish = async (state: string) => {
      expect(await page.getAttribute('html', 'lang'), state).toBe('en');
      // The link to the Swedish page is Swedish on purpose (and marked lang="sv").
      const text = await page.evaluate(() => {
        const body = document.body.cloneNode(true) as HTMLElement;
        body.querySelectorAll('[lang="sv"], script, style').forEach((element) => element.remove());
        return `${document.title}\n${body.innerText}`;
      });
      for (const swedish of [...swedishInterface, ...swedishTexts(survey)])
        expect(text, `${state}: "${swedish}"`).not.toContain(swedish);
    };
    await expectEnglish('form');
    await expectAccessible(page, `${survey.id}: English form`);

    const rejected = page.waitForResponse(isPost);
    await page.locator('button.primary').press('Enter');
    expect((await rejected).status()).toBe(400);
    await page.waitForSelector('.error-summary');
    expect(await page.title()).toMatch(/^Error \(\d+ errors?\)/);
    await expectEnglish('form with errors');

    await fillDirectly(page, survey, example());
    await page.locator('button.primary').press('Enter');
    await page.waitForURL(/\/receipt\/.*lang=en/);
    await referenceOf(page);
    await expectEnglish('receipt');
    await context.close();
  });
}
