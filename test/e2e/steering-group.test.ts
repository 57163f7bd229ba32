import { steeringGroup as survey } from '../../surveys/steering-group.ts';
import { steeringGroup } from '../fixtures/answers.ts';
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
  example: steeringGroup,
  open: (lang) => invitationLink(survey.id, lang),
});
