import { expect, it } from 'vitest';
import { centreApplication as survey } from '../../surveys/centre-application.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { startApp } from '../integration/harness.ts';
import { launchBrowser, newContext } from './browser.ts';
import { named } from './forms.ts';
import { surveySuite } from './survey-suite.ts';

const app = await startApp();
const browser = await launchBrowser();

surveySuite({
  app,
  browser,
  survey,
  example: centreApplication,
  open: async (lang) => `/forms/${survey.id}${lang ? `?lang=${lang}` : ''}`,
  readmeScreenshot: true,
});

it('keeps unsent answers in the browser across a reload', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${app.url}/forms/${survey.id}`);
  await page.locator(named('centreName')).fill('Teknikcentrum Väst');
  await page.locator(named('region')).selectOption('tc-ostra-smaland');
  await page.locator(named('courses.0.form', 'yh')).check();
  await page.locator(named('criteriaRating.regional-collaboration', '4')).check();
  await page.locator(named('privacyConsent')).check();
  await page.reload();
  expect(await page.inputValue(named('centreName'))).toBe('Teknikcentrum Väst');
  expect(await page.inputValue(named('region'))).toBe('tc-ostra-smaland');
  expect(await page.isChecked(named('courses.0.form', 'yh'))).toBe(true);
  expect(await page.isChecked(named('criteriaRating.regional-collaboration', '4'))).toBe(true);
  expect(await page.isChecked(named('privacyConsent'))).toBe(true);
  // The hidden submission id is not part of the draft: a reload is a new submission.
  expect(await page.evaluate(() => localStorage.getItem('skc-draft:centre-application'))).not.toContain(
    'submissionId',
  );
  await context.close();
});

it('adds and removes a course without JavaScript, keeping what was typed', async () => {
  const context = await newContext(browser, { javaScript: false });
  const page = await context.newPage();
  await page.goto(`${app.url}/forms/${survey.id}`);
  await page.locator(named('courses.0.name')).fill('Svetsning');
  await page.locator('button[value="add:courses"]').press('Enter');
  await page.waitForSelector(named('courses.1.name'));
  expect(await page.inputValue(named('courses.0.name'))).toBe('Svetsning');
  expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('courses.1.name');
  await page.locator(named('courses.1.name')).fill('CNC-teknik');
  await page.locator('button[value="remove:courses:0"]').press('Enter');
  await page.waitForSelector(named('courses.1.name'), { state: 'detached' });
  expect(await page.inputValue(named('courses.0.name'))).toBe('CNC-teknik');
  await context.close();
});
