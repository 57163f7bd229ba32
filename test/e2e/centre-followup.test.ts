import { centreFollowup as survey } from '../../surveys/centre-followup.ts';
import { centreFollowup } from '../fixtures/answers.ts';
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
  example: centreFollowup,
  open: (lang) => invitationLink(survey.id, lang),
});
