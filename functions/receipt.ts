/** GET /forms/{id}/receipt/{responseId} — the receipt page with the reference number. */
import { problems } from '../shared/core/problem.ts';
import { receiptPage } from '../shared/views/pages/receipt.ts';
import { isResponseId } from '../shared/core/tokens.ts';
import { html, httpHandler } from './http.ts';
import { wire } from './wiring.ts';

const { responses, getSurvey } = wire();

export const handler = httpHandler(
  'receipt',
  async (request) => {
    const survey = getSurvey(request.params.id ?? '');
    const responseId = request.params.responseId ?? '';
    if (!survey || !isResponseId(responseId)) throw problems.notFound();
    const response = await responses.getResponse(responseId);
    if (!response || response.surveyId !== survey.id) throw problems.notFound();
    return html(200, receiptPage(survey, responseId, request.lang));
  },
  'html',
);
