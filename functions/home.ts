/** GET / — the landing page: the surveys, the information pages and, locally, the mail viewer. */
import { loadConfig } from '../shared/adapters/config.ts';
import { homePage } from '../shared/views/pages/home.ts';
import { surveys } from '../surveys/index.ts';
import { html, httpHandler } from './http.ts';

// Only the configuration: this function has no table, so it does not load the DynamoDB client.
const config = loadConfig();
// SES local's address is set only by the local runtime (and tests); on AWS there is no viewer.
const mailViewer = config.SKC_SES_ENDPOINT?.replace('//127.0.0.1', '//localhost');

export const handler = httpHandler(
  'home',
  async (request) => html(200, homePage({ lang: request.lang, surveys, mailViewer })),
  'html',
);
