/** GET /surveys/{id} — one survey's public definition. */
import { publicDefinition } from '../shared/core/definition.ts';
import { problems } from '../shared/core/problem.ts';
import { getSurvey } from '../surveys/index.ts';
import { httpHandler, json } from './http.ts';

export const handler = httpHandler('survey', async (request) => {
  const survey = getSurvey(request.params.id ?? '');
  if (!survey) throw problems.notFound();
  return json(200, publicDefinition(survey), { 'cache-control': 'public, max-age=60' });
});
