/** GET /surveys — the surveys with their access and opening times. */
import { summary } from '../shared/core/definition.ts';
import { surveys } from '../surveys/index.ts';
import { httpHandler, json } from './http.ts';

const list = surveys.map(summary);

export const handler = httpHandler('surveys', async () =>
  json(200, list, { 'cache-control': 'public, max-age=60' }),
);
