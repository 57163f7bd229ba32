import { expect, it } from 'vitest';
import { errorPage } from '../../shared/views/pages/error.ts';
import { problems } from '../../shared/core/problem.ts';
import { surveys } from '../../surveys/index.ts';
import { startApp } from '../integration/harness.ts';
import {
  expectAccessible,
  launchBrowser,
  mobile,
  newContext,
  recordRequests,
  scrollWidth,
} from './browser.ts';
import { invitationLink } from './invitation.ts';
import { expectSelfContained, weigh } from './survey-suite.ts';

const app = await startApp();
const browser = await launchBrowser();
// Phone-sized throughout: axe's rules do not depend on the width, overflow does.
const context = await newContext(browser, { viewport: mobile });

async function visit(path: string, status: number, heading: string) {
  const page = await context.newPage();
  const requested = recordRequests(page);
  const response = await page.goto(app.url + path);
  expect(response?.status(), path).toBe(status);
  expect(await page.locator('h1').innerText()).toBe(heading);
  await expectAccessible(page, path);
  expect(await scrollWidth(page), path).toBeLessThanOrEqual(mobile.width);
  await expectSelfContained(page, app.url, requested);
  await weigh(`${path.replace(/token=[^&]+/, 'token=…')} (${status})`, response);
  return page;
}

it('shows the privacy notice and the accessibility statement in Swedish and English', async () => {
  await visit('/privacy', 200, 'Så behandlar vi personuppgifter');
  await visit('/accessibility', 200, 'Tillgänglighetsredogörelse');
  const english = await visit('/accessibility?lang=en', 200, 'Accessibility statement');
  expect(await english.getAttribute('html', 'lang')).toBe('en');
  await visit('/privacy?lang=en', 200, 'How we handle personal data');
});

it('explains a missing, unknown or foreign invitation link on an accessible 403 page', async () => {
  await visit('/forms/company-value', 403, 'Länken fungerar inte');
  await visit('/forms/company-value?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA', 403, 'Länken fungerar inte');
  const steeringGroupLink = await invitationLink('steering-group', 'en');
  await visit(steeringGroupLink.replace('steering-group', 'company-value'), 403, 'The link does not work');
});

it('answers an unknown survey with an accessible 404 page', async () => {
  await visit('/forms/no-such-survey', 404, 'Sidan finns inte');
});

it('shows the closed-survey page (410) accessibly', async () => {
  // No survey closes before the pilot ends, so the page the form handler renders for a closed
  // survey is served here, under the app's origin and with its policy header.
  const page = errorPage(problems.closed(), 'sv');
  await context.route(`${app.url}/forms/closed-survey`, (route) =>
    route.fulfill({
      status: 410,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.policy },
      body: page.body,
    }),
  );
  await visit('/forms/closed-survey', 410, 'Enkäten är stängd');
});

it('shows the landing page at / in Swedish and English, and it leads to every form without JavaScript', async () => {
  const swedish = await visit('/', 200, 'Enkäter och formulär');
  expect(await swedish.locator('a[href^="/forms/"]').count()).toBe(surveys.length);
  // The test stack runs SES local, as `npm start` does: the mail viewer is listed.
  const mailViewer = process.env.SKC_SES_ENDPOINT!.replace('//127.0.0.1', '//localhost');
  expect(await swedish.locator(`a[href="${mailViewer}"]`).count()).toBe(1);
  const english = await visit('/?lang=en', 200, 'Surveys and forms');
  expect(await english.getAttribute('html', 'lang')).toBe('en');

  const withoutScript = await newContext(browser, { javaScript: false, viewport: mobile });
  const page = await withoutScript.newPage();
  await page.goto(`${app.url}/`);
  expect(await scrollWidth(page)).toBeLessThanOrEqual(mobile.width);
  const open = surveys.find((survey) => survey.access === 'open')!;
  await page.getByRole('link', { name: open.title.sv }).click();
  await page.waitForURL(`${app.url}/forms/${open.id}`);
  expect(await page.locator('form button.primary').count()).toBe(1);
  await page.goBack();
  const invited = surveys.find((survey) => survey.access === 'invite')!;
  await page.getByRole('link', { name: invited.title.sv }).click();
  await page.waitForURL(`${app.url}/forms/${invited.id}`);
  expect(await page.locator('h1').innerText()).toBe('Länken fungerar inte');
  await withoutScript.close();
});
