/**
 * Property-based tests derived from every survey definition, through the real handlers and
 * DynamoDB Local. The seed is printed; replay a failure with SKC_FC_SEED=<seed>.
 * SKC_FC_RUNS sets the runs per public route (10,000 by default).
 */
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { invoke } from '../../local/server.ts';
import { routes } from '../../functions/routes.ts';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { surveys } from '../../surveys/index.ts';
import { brokenAnswers, validAnswers } from '../fixtures/arbitraries.ts';
import { wiring } from './harness.ts';

const seed = Number(process.env.SKC_FC_SEED ?? Date.now() % 2 ** 31);
const routeRuns = Number(process.env.SKC_FC_RUNS ?? 10_000);
console.log(`fast-check seed: ${seed} (replay with SKC_FC_SEED=${seed}); ${routeRuns} runs per public route`);

const { db, responses, retentionUntil } = wiring();
const contractStatuses = new Set([200, 201, 303, 400, 403, 404, 409, 410, 413, 415]);

async function call(
  method: string,
  path: string,
  body: Uint8Array | string = '',
  contentType = 'application/json',
) {
  const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  const response = await invoke({
    method,
    url: new URL(path, 'http://localhost'),
    headers: { 'content-type': contentType },
    body: bytes,
  });
  // No route matched (e.g. a `%2E` segment the URL parser resolves away): the runtime's 404.
  return response ?? { statusCode: 404, body: '{"message":"Not Found"}' };
}

async function tokenFor(surveyId: string): Promise<string | undefined> {
  if (surveys.find((survey) => survey.id === surveyId)?.access !== 'invite') return undefined;
  const token = newToken();
  await createInvitation(
    db,
    { surveyId, email: `${randomUUID()}@example.se`, organisation: 'Prov AB' },
    token,
    {
      now: new Date(),
      expiresAt: retentionUntil,
    },
  );
  return token;
}

describe.each(surveys.map((survey) => [survey.id, survey] as const))(
  '%s: answers derived from the definition',
  (_id, survey) => {
    it('accepts any valid answer set and reads it back exactly from storage', async () => {
      await fc.assert(
        fc.asyncProperty(validAnswers(survey), async (answers) => {
          const token = await tokenFor(survey.id);
          const response = await call(
            'POST',
            `/surveys/${survey.id}/responses`,
            JSON.stringify({ token, answers }),
          );
          expect(response.statusCode, response.body).toBe(201);
          const { responseId } = JSON.parse(response.body!) as { responseId: string };
          const stored = await responses.getResponse(responseId);
          const personal = (await responses.getPersonal(responseId)) ?? {};
          expect({ ...stored!.answers, ...personal }).toEqual(answers);
        }),
        { seed, numRuns: 60 },
      );
    }, 120_000);

    it('rejects any answer set with one question broken, naming that question', async () => {
      const token = await tokenFor(survey.id);
      await fc.assert(
        fc.asyncProperty(brokenAnswers(survey), async (mutation) => {
          const response = await call(
            'POST',
            `/surveys/${survey.id}/responses`,
            JSON.stringify({ token, answers: mutation.answers }),
          );
          expect(response.statusCode, `${mutation.kind} ${mutation.questionId}`).toBe(400);
          const body = JSON.parse(response.body!) as {
            error: string;
            issues: { path: (string | number)[] }[];
          };
          expect(body.error).toBe('validation');
          expect(body.issues.map((issue) => issue.path[1])).toContain(mutation.questionId);
        }),
        { seed, numRuns: 300 },
      );
    }, 120_000);
  },
);

describe('hostile input never yields a 5xx', () => {
  const contentTypes = fc.constantFrom(
    'application/json',
    'application/x-www-form-urlencoded',
    'text/plain',
    'application/json; charset=latin1',
    '',
  );
  const surveyIds = fc.oneof(
    fc.constantFrom(...surveys.map((survey) => survey.id)),
    fc.string({ maxLength: 20 }),
  );
  const segment = (value: string) => encodeURIComponent(value) || 'x';

  it(`POST /surveys/{id}/responses: ${routeRuns} arbitrary JSON values and byte strings`, async () => {
    const bodies = fc.oneof(
      fc.jsonValue().map((value) => JSON.stringify(value) ?? ''),
      fc
        .record({
          submissionId: fc.oneof(fc.uuid(), fc.string()),
          token: fc.oneof(fc.string(), fc.jsonValue()),
          answers: fc.jsonValue(),
        })
        .map((value) => JSON.stringify(value)),
      fc.uint8Array({ maxLength: 512 }),
      fc
        .array(fc.tuple(fc.string({ maxLength: 20 }), fc.string({ maxLength: 20 })), { maxLength: 8 })
        .map((pairs) => new URLSearchParams(pairs).toString()),
    );
    await fc.assert(
      fc.asyncProperty(surveyIds, bodies, contentTypes, async (id, body, contentType) => {
        const response = await call('POST', `/surveys/${segment(id)}/responses`, body, contentType);
        expect(
          contractStatuses.has(response.statusCode),
          `${response.statusCode} ${response.body?.slice(0, 200)}`,
        ).toBe(true);
      }),
      { seed, numRuns: routeRuns },
    );
  }, 300_000);

  const getRoutes = routes.filter((route) => route.method === 'GET');
  it.each(getRoutes.map((route) => [route.path] as const))(
    `GET %s: ${routeRuns} arbitrary path parameters and queries`,
    async (path) => {
      const query = fc.dictionary(
        fc.constantFrom('token', 'lang', 'x', '__proto__'),
        fc.string({ maxLength: 40 }),
        { maxKeys: 3 },
      );
      await fc.assert(
        fc.asyncProperty(surveyIds, fc.string({ maxLength: 30 }), query, async (id, responseId, params) => {
          const url = path.replace('{id}', segment(id)).replace('{responseId}', segment(responseId));
          const search = new URLSearchParams(params).toString();
          const response = await call('GET', `${url}${search ? `?${search}` : ''}`);
          expect(contractStatuses.has(response.statusCode), `${url} → ${response.statusCode}`).toBe(true);
        }),
        { seed, numRuns: routeRuns },
      );
    },
    300_000,
  );
});
