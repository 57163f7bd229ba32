/**
 * GET /forms/{id} — the hosted form. Invite surveys need `?token=`: a missing, unknown or
 * foreign token gets a 403 page, an answered one a 409 "thank you" page, a closed survey 410.
 */
import { isOpen } from '../shared/core/definition.ts';
import { problems } from '../shared/core/problem.ts';
import { renderForm } from '../shared/views/pages/form.ts';
import { newSubmissionId, tokenHash } from '../shared/core/tokens.ts';
import { html, httpHandler } from './http.ts';
import { wire } from './wiring.ts';

const { responses, getSurvey } = wire();

export const handler = httpHandler(
  'form',
  async (request) => {
    const survey = getSurvey(request.params.id ?? '');
    if (!survey) throw problems.notFound();
    if (!isOpen(survey, request.now)) throw problems.closed();
    const token = request.query.get('token') || undefined;
    let organisation: string | undefined;
    let centreName: string | undefined;
    if (survey.access === 'invite') {
      if (!token) throw problems.forbidden('missing');
      const invitation = await responses.findInvitation(tokenHash(token));
      if (!invitation) throw problems.forbidden('unknown');
      if (invitation.surveyId !== survey.id) throw problems.forbidden('foreign');
      if (invitation.answered) throw problems.alreadyAnswered();
      organisation = invitation.organisation || undefined;
      centreName = invitation.centreName;
    }
    return html(
      200,
      renderForm({
        survey,
        lang: request.lang,
        submissionId: newSubmissionId(),
        ...(token && { token }),
        ...(organisation && { organisation }),
        ...(centreName && { centreName }),
      }),
    );
  },
  'html',
);
