import { expect, it } from 'vitest';
import { steeringGroup as survey } from '../../surveys/steering-group.ts';
import { steeringGroup } from '../fixtures/answers.ts';
import { startApp } from '../integration/harness.ts';
import { launchBrowser, newContext } from './browser.ts';
import { invitationLink } from './invitation.ts';
import { surveySuite } from './survey-suite.ts';

const app = await startApp();
const browser = await launchBrowser();

surveySuite({
  app,
  browser,
  survey,
  example: steeringGroup,
  open: (lang) => invitationLink(survey.id, lang),
});

it('greets the invited organisation by name', async () => {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(app.url + (await invitationLink(survey.id)));
  expect(await page.locator('main').innerText()).toContain('Välkommen, Verkstads AB i Hultsfred.');
  await context.close();
});
