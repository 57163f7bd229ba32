/**
 * The submit path, in the contract's order, so that a retry is always answered as a retry:
 * 403 cross_site → 404 → 415 → 413 → 400 bad_request → replay (200 / 409 conflict / 410 erased)
 * → 410 closed → 403 → 400 validation → 409 already_answered → 201.
 */
import {
  decodeFormAnswers,
  isPlainObject,
  normaliseAnswers,
  submissionHash,
  type Encoding,
} from './answers.ts';
import { countersFor, type Counters } from './aggregate.ts';
import { parseBody } from './body.ts';
import { waveOf, weekOf } from './calendar.ts';
import type { Lang, Survey } from './definition.ts';
import { isOpen, questionsOf } from './definition.ts';
import { Problem, problems } from './problem.ts';
import { emailHash, isUuid, newResponseId, newSubmissionId, tokenHash } from './tokens.ts';
import { validateAnswers, type Answers } from './validation.ts';

export type Receipt = { responseId: string; submissionId: string; status: 'received' };

export type Invitation = {
  tokenHash: string;
  surveyId: string;
  invitee: string;
  organisation: string;
  region?: string;
  /** The slug of the centre on whose behalf the invitation went out. */
  centre?: string;
  /** That centre's registered name, as the form greets with it. */
  centreName?: string;
  /** The invitation's wave (for invitations from before waves: the wave of their invitation date). */
  wave: string;
  answered: boolean;
};

/** Everything one transaction writes for a new response. */
export type NewResponse = {
  survey: Survey;
  receipt: Receipt;
  hash: string;
  submittedAt: Date;
  week: string;
  /** Answers without personal data. */
  answers: Answers;
  /** Personal answers, kept in their own item with a retention date. */
  personal: Answers | undefined;
  emailHashes: string[];
  region: string | undefined;
  /** The centre's slug, from the invitation; absent for answers "utan centrum". */
  centre: string | undefined;
  /** The invitation's wave, or the wave the answer came in. */
  wave: string;
  counters: Counters;
  invitation: Invitation | undefined;
  /** Unix seconds after which personal data is deleted (DynamoDB TTL). */
  expiresAt: number;
  /** Earlier evidence brought in by `skc import`: stored like an answer, but no mail goes out. */
  imported?: true;
};

/**
 * What the idempotency history knows of a submissionId: the first answers' hash and receipt, or,
 * once the person was erased, only that it was erased (a tombstone: no hash, no receipt).
 */
type SubmissionRecord = { hash: string; receipt: Receipt } | { erased: true };

type SaveOutcome = 'stored' | 'duplicate' | 'already_answered';

export interface SubmissionStore {
  findSubmission(surveyId: string, submissionId: string): Promise<SubmissionRecord | undefined>;
  findInvitation(tokenHash: string): Promise<Invitation | undefined>;
  saveResponse(response: NewResponse): Promise<SaveOutcome>;
}

export type SubmitDeps = {
  store: SubmissionStore;
  getSurvey: (id: string) => Survey | undefined;
  /** Unix seconds: when personal data of a response stored now is deleted. */
  retentionUntil: number;
  /** The origin of the public URL (`https://host`), the only site whose posts are accepted. */
  publicOrigin?: string;
};

export type SubmitRequest = {
  surveyId: string;
  contentType: string | undefined;
  body: Uint8Array;
  lang: Lang;
  now: Date;
  /** The `Origin` and `Sec-Fetch-Site` request headers, when sent. */
  origin?: string | undefined;
  fetchSite?: string | undefined;
};

/**
 * A post another site made a browser send (cross-site request forgery): `Sec-Fetch-Site:
 * cross-site`, or an `Origin` that is neither ours nor `null`. Our own no-JS form posts with
 * `Origin: null` because our pages send `Referrer-Policy: no-referrer`; a client that sends
 * neither header (a script, curl) is no browser acting for someone else, and passes.
 */
export function isCrossSite(
  request: Pick<SubmitRequest, 'origin' | 'fetchSite'>,
  publicOrigin: string | undefined,
): boolean {
  if (request.fetchSite?.trim().toLowerCase() === 'cross-site') return true;
  const origin = request.origin?.trim();
  if (origin === undefined || origin === '' || origin === 'null' || publicOrigin === undefined) return false;
  return origin.toLowerCase() !== publicOrigin.toLowerCase();
}

/** What was read from the body, for re-rendering the form after a failure. */
type SubmissionInput = {
  encoding: Encoding;
  submissionId: string;
  token: string | undefined;
  answers: Answers;
};

export type Submission =
  | { ok: true; created: boolean; receipt: Receipt; survey: Survey; input: SubmissionInput }
  | { ok: false; problem: Problem; survey?: Survey; input?: SubmissionInput };

export async function submitResponse(deps: SubmitDeps, request: SubmitRequest): Promise<Submission> {
  if (isCrossSite(request, deps.publicOrigin)) return { ok: false, problem: problems.crossSite() };
  const survey = deps.getSurvey(request.surveyId);
  if (!survey) return { ok: false, problem: problems.notFound() };
  let input: SubmissionInput;
  try {
    input = readInput(survey, request);
  } catch (error) {
    if (error instanceof Problem) return { ok: false, problem: error, survey };
    throw error;
  }
  const fail = (problem: Problem) => ({ ok: false as const, problem, survey, input });
  const hash = submissionHash(input.answers, input.token);
  // A concurrent identical post may have answered the invite between our reads: that is a retry.
  const answeredOrReplay = async (): Promise<Submission> => {
    const winner = await deps.store.findSubmission(survey.id, input.submissionId);
    return winner ? replayOf(winner, hash, survey, input) : fail(problems.alreadyAnswered());
  };
  try {
    const replay = await deps.store.findSubmission(survey.id, input.submissionId);
    if (replay) return replayOf(replay, hash, survey, input);

    if (!isOpen(survey, request.now)) return fail(problems.closed());
    const invitation =
      survey.access === 'invite' ? await findInvitation(deps.store, survey, input.token) : undefined;
    if (invitation instanceof Problem) return fail(invitation);

    const validated = validateAnswers(survey, input.answers, request.lang);
    if (!validated.ok) return fail(problems.validation(validated.issues));
    if (invitation?.answered) return answeredOrReplay();

    const receipt: Receipt = {
      responseId: newResponseId(),
      submissionId: input.submissionId,
      status: 'received',
    };
    const response = newResponse(survey, validated.answers, {
      receipt,
      hash,
      invitation,
      now: request.now,
      retentionUntil: deps.retentionUntil,
    });
    const outcome = await deps.store.saveResponse(response);
    if (outcome === 'already_answered') return answeredOrReplay();
    if (outcome === 'duplicate') {
      // A concurrent identical post won the race: answer as its retry.
      const winner = await deps.store.findSubmission(survey.id, input.submissionId);
      if (!winner) return fail(problems.unavailable());
      return replayOf(winner, hash, survey, input);
    }
    return { ok: true, created: true, receipt, survey, input };
  } catch (error) {
    if (error instanceof Problem) return fail(error);
    if ((error as Error).name === 'StoreUnavailableError') return fail(problems.unavailable(error));
    throw error;
  }
}

function replayOf(
  replay: SubmissionRecord,
  hash: string,
  survey: Survey,
  input: SubmissionInput,
): Submission {
  // Whatever the body: a 200 or a 409 would tell whether a guess matches the erased answers.
  if ('erased' in replay) return { ok: false, problem: problems.erased(), survey, input };
  if (replay.hash !== hash) return { ok: false, problem: problems.conflict(), survey, input };
  return { ok: true, created: false, receipt: replay.receipt, survey, input };
}

function readInput(survey: Survey, request: SubmitRequest): SubmissionInput {
  const body = parseBody(request.contentType, request.body);
  let raw: { submissionId?: unknown; token?: unknown; answers?: unknown };
  if (body.encoding === 'form') {
    const field = (name: string) => body.fields.find(([key]) => key === name)?.[1] || undefined;
    raw = {
      submissionId: field('submissionId'),
      token: field('token'),
      answers: decodeFormAnswers(survey, body.fields),
    };
  } else {
    raw = body.value;
    const extra = Object.keys(raw).filter((name) => !['submissionId', 'token', 'answers'].includes(name));
    if (extra.length > 0)
      throw problems.badRequest({
        sv: `Okänt fält i innehållet: ${extra.join(', ')}. Tillåtna fält är submissionId, token och answers.`,
        en: `Unknown field in the body: ${extra.join(', ')}. Allowed fields are submissionId, token and answers.`,
      });
  }
  if (raw.answers !== undefined && !isPlainObject(raw.answers))
    throw problems.badRequest({ sv: 'answers ska vara ett objekt.', en: 'answers must be an object.' });
  if (raw.token !== undefined && typeof raw.token !== 'string')
    throw problems.badRequest({ sv: 'token ska vara en text.', en: 'token must be a string.' });
  if (raw.submissionId !== undefined && !isUuid(raw.submissionId)) {
    const message =
      request.lang === 'sv' ? 'submissionId ska vara ett UUID.' : 'submissionId must be a UUID.';
    throw problems.validation([{ path: ['submissionId'], message }]);
  }
  return {
    encoding: body.encoding,
    submissionId: (raw.submissionId as string | undefined)?.toLowerCase() ?? newSubmissionId(),
    token: (raw.token as string | undefined) || undefined,
    answers: normaliseAnswers(survey, (raw.answers as Answers | undefined) ?? {}, body.encoding),
  };
}

async function findInvitation(
  store: SubmissionStore,
  survey: Survey,
  token: string | undefined,
): Promise<Invitation | Problem> {
  if (!token) return problems.forbidden('missing');
  const invitation = await store.findInvitation(tokenHash(token));
  if (!invitation) return problems.forbidden('unknown');
  if (invitation.surveyId !== survey.id) return problems.forbidden('foreign');
  return invitation;
}

/** Everything the store writes for validated answers (the submit path and `skc import` alike). */
export function newResponse(
  survey: Survey,
  answers: Answers,
  context: {
    receipt: Receipt;
    hash: string;
    invitation: Invitation | undefined;
    now: Date;
    retentionUntil: number;
  },
): NewResponse {
  const personal: Answers = {};
  const rest: Answers = {};
  const emailHashes: string[] = [];
  for (const question of questionsOf(survey)) {
    const value = answers[question.id];
    if (value === undefined) continue;
    if (!question.personal) {
      rest[question.id] = value;
      continue;
    }
    personal[question.id] = value;
    if (question.personal === 'email' && typeof value === 'string') emailHashes.push(emailHash(value));
  }
  const regionAnswer = survey.regionQuestion ? answers[survey.regionQuestion] : undefined;
  return {
    survey,
    receipt: context.receipt,
    hash: context.hash,
    submittedAt: context.now,
    week: weekOf(context.now),
    answers: rest,
    personal: Object.keys(personal).length > 0 ? personal : undefined,
    emailHashes,
    region: typeof regionAnswer === 'string' ? regionAnswer : context.invitation?.region,
    centre: context.invitation?.centre,
    wave: context.invitation?.wave ?? waveOf(context.now),
    counters: countersFor(survey, answers),
    invitation: context.invitation,
    expiresAt: context.retentionUntil,
  };
}
