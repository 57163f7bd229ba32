/**
 * POST /surveys/{id}/responses — JSON clients get the contract's JSON; the hosted form
 * (urlencoded, works without JavaScript) gets a 303 to its receipt, or the form again with an
 * error summary.
 */
import { mediaTypeOf, parseBody } from '../shared/core/body.ts';
import { editItems } from '../shared/core/answers.ts';
import type { Survey } from '../shared/core/definition.ts';
import { Problem, RETRY_AFTER_SECONDS } from '../shared/core/problem.ts';
import { logger } from '../shared/adapters/log.ts';
import { flushMetrics, pipelineMetrics } from '../shared/adapters/metrics.ts';
import { renderForm } from '../shared/views/pages/form.ts';
import { link } from '../shared/core/links.ts';
import { isCrossSite, submitResponse } from '../shared/core/submit.ts';
import { html, httpHandler, json, problemResponse, redirect, type HttpRequest } from './http.ts';
import { wire } from './wiring.ts';

const { responses, getSurvey, retentionUntil, config } = wire();
const deps = {
  store: responses,
  getSurvey,
  retentionUntil,
  publicOrigin: new URL(config.SKC_PUBLIC_URL).origin,
};

export const handler = httpHandler(
  'submit',
  async (request) => {
    const fromForm = isForm(request.headers['content-type']);
    const origin = { origin: request.headers.origin, fetchSite: request.headers['sec-fetch-site'] };
    const survey = getSurvey(request.params.id ?? '');
    if (fromForm && survey && !isCrossSite(origin, deps.publicOrigin)) {
      const edited = groupEdit(survey, request);
      if (edited) return edited;
    }
    const submission = await submitResponse(deps, {
      surveyId: request.params.id ?? '',
      contentType: request.headers['content-type'],
      body: request.body,
      lang: request.lang,
      now: request.now,
      ...origin,
    });
    if (submission.ok) {
      if (submission.created) pipelineMetrics.answerStored();
      const { receipt } = submission;
      if (fromForm)
        return redirect(
          link(
            'receipt',
            { id: submission.survey.id, responseId: receipt.responseId },
            { lang: request.lang },
          ),
        );
      return json(submission.created ? 201 : 200, receipt);
    }
    const { problem, input } = submission;
    // An outage is not a refusal: the 5xx and the storage log line count it.
    if (problem.code !== 'unavailable') pipelineMetrics.answerRefused(problem.code);
    if (
      fromForm &&
      submission.survey &&
      input &&
      (problem.code === 'validation' || problem.code === 'unavailable')
    ) {
      // The form comes back with everything typed, so nothing is lost: fix the errors, or (storage
      // unavailable) simply submit again — the same submissionId makes it a safe retry.
      const page = html(
        problem.status,
        renderForm({
          survey: submission.survey,
          lang: request.lang,
          submissionId: input.submissionId,
          ...(input.token && { token: input.token }),
          answers: input.answers,
          issues: problem.issues ?? [],
          moreIssues: problem.more,
          ...(problem.code === 'unavailable' && { notice: problem.text[request.lang] }),
        }),
      );
      if (problem.code !== 'unavailable') return page;
      logger.warn('storage unavailable', { function: 'submit' });
      return { ...page, headers: { ...page.headers, 'retry-after': String(RETRY_AFTER_SECONDS) } };
    }
    if (problem.code === 'unavailable') throw problem; // logged once by the shared middleware
    return problemResponse(problem, request.lang, fromForm ? 'html' : 'json');
  },
  'json',
  { metrics: flushMetrics() },
);

function isForm(contentType: string | undefined): boolean {
  try {
    return mediaTypeOf(contentType) === 'form';
  } catch {
    return false;
  }
}

/** "Add another course" / "Remove course 2" without JavaScript: the form back, one item more or less. */
function groupEdit(survey: Survey, request: HttpRequest) {
  let fields: [string, string][];
  try {
    const body = parseBody(request.headers['content-type'], request.body);
    if (body.encoding !== 'form') return undefined;
    fields = body.fields;
  } catch (error) {
    if (error instanceof Problem) return undefined; // submitResponse answers it
    throw error;
  }
  const edit = editItems(survey, fields);
  if (!edit) return undefined;
  return html(
    200,
    renderForm({
      survey,
      lang: request.lang,
      submissionId: edit.submissionId ?? crypto.randomUUID(),
      ...(edit.token && { token: edit.token }),
      answers: edit.answers,
      extraItems: edit.extraItems,
    }),
  );
}
