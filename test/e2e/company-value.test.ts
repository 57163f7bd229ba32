import { companyValue as survey } from '../../surveys/company-value.ts';
import { companyValue } from '../fixtures/answers.ts';
import { startApp } from '../integration/harness.ts';
import { launchBrowser } from './browser.ts';
import { invitationLink } from './invitation.ts';
import { surveySuite } from './survey-suite.ts';

const app = await startApp();
const browser = await launchBrowser();

surveySuite({
  app,
  browser,
  survey,
  example: companyValue,
  open: (lang) => invitationLink(survey.id, lang),
});
