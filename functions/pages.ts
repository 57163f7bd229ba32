/** GET /privacy and /accessibility — the privacy notice and the accessibility statement. */
import { loadConfig } from '../shared/adapters/config.ts';
import { paths } from '../shared/core/links.ts';
import { accessibilityPage, privacyPage } from '../shared/views/pages/info.ts';
import { html, httpHandler } from './http.ts';

// Only the configuration: this function has no table, so it does not load the DynamoDB client.
const config = loadConfig();

export const handler = httpHandler(
  'pages',
  async (request) =>
    html(
      200,
      request.path === paths.privacy
        ? privacyPage(request.lang, config.SKC_FROM_ADDRESS, config.SKC_RETENTION_MONTHS)
        : accessibilityPage(request.lang, config.SKC_FROM_ADDRESS),
    ),
  'html',
);
