import { randomUUID } from 'node:crypto';
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { createResponseStore } from '../../shared/adapters/store/responses.ts';
import { indexKeys, keys } from '../../shared/adapters/store/keys.ts';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { countersOf, createDb } from '../../shared/adapters/store/client.ts';
import { submitResponse } from '../../shared/core/submit.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { localCredentials } from '../../shared/adapters/config.ts';
import { freePort } from '../../local/services.ts';
import { getSurvey } from '../../surveys/index.ts';
import { centreApplication, companyValue, steeringGroup } from '../fixtures/answers.ts';
import { postJson, startApp, wiring } from './harness.ts';

const app = await startApp();
const { db, responses, retentionUntil } = wiring();
const applications = '/surveys/centre-application/responses';

async function storedResponses(surveyId: string): Promise<number> {
  const result = await db.client.send(
    new QueryCommand({
      TableName: db.tableName,
      IndexName: 'gsi1',
      KeyConditionExpression: 'gsi1pk = :pk',
      ExpressionAttributeValues: { ':pk': { S: indexKeys.responses(surveyId) } },
      Select: 'COUNT',
    }),
  );
  return result.Count ?? 0;
}

async function invite(surveyId: string, organisation = 'Verkstads AB') {
  const token = newToken();
  await createInvitation(
    db,
    { surveyId, email: `${randomUUID()}@example.se`, organisation, region: 'tc-ostra-smaland' },
    token,
    { now: new Date(), expiresAt: retentionUntil },
  );
  return token;
}

function postForm(path: string, fields: Record<string, string | string[]>) {
  const body = new URLSearchParams();
  for (const [name, value] of Object.entries(fields))
    for (const entry of [value].flat()) body.append(name, entry);
  return fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: body.toString(),
    redirect: 'manual',
  });
}

describe('POST /surveys/{id}/responses: stored exactly once', () => {
  it('stores a valid application (201) and answers a retry with the same receipt (200)', async () => {
    const submissionId = randomUUID();
    const first = await postJson(app, applications, { submissionId, answers: centreApplication() });
    expect(first.status).toBe(201);
    expect(first.json).toEqual({
      responseId: expect.stringMatching(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      submissionId,
      status: 'received',
    });
    const retry = await postJson(app, applications, { submissionId, answers: centreApplication() });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
    const stored = await responses.getResponse(first.json.responseId as string);
    expect(stored?.answers).not.toHaveProperty('contactEmail');
    expect(await responses.getPersonal(first.json.responseId as string)).toMatchObject({
      contactEmail: 'anna.andersson@example.se',
    });
  });

  it('makes a server submissionId when the client sends none', async () => {
    const response = await postJson(app, applications, { answers: centreApplication() });
    expect(response.status).toBe(201);
    expect(response.json.submissionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers the same submissionId with different answers as a conflict (409)', async () => {
    const submissionId = randomUUID();
    await postJson(app, applications, { submissionId, answers: centreApplication() });
    const changed = await postJson(app, applications, {
      submissionId,
      answers: centreApplication({ town: 'Vimmerby' }),
    });
    expect(changed.status).toBe(409);
    expect(changed.json).toMatchObject({ error: 'conflict', message: expect.any(String) });
  });

  it('stores ten identical posts sent at once as one response, with counters moved once', async () => {
    const before = await storedResponses('company-value');
    const token = await invite('company-value');
    const body = { submissionId: randomUUID(), token, answers: companyValue() };
    const results = await Promise.all(
      Array.from({ length: 10 }, () => postJson(app, '/surveys/company-value/responses', body)),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    expect(new Set(results.map((result) => result.json.responseId)).size).toBe(1);
    expect(await storedResponses('company-value')).toBe(before + 1);
  });

  it('treats the form encoding and JSON of the same answers as one submission', async () => {
    const submissionId = randomUUID();
    const token = await invite('steering-group');
    const json = await postJson(app, '/surveys/steering-group/responses', {
      submissionId,
      token,
      answers: steeringGroup(),
    });
    expect(json.status).toBe(201);
    const answers = steeringGroup();
    const fields: Record<string, string> = { submissionId, token };
    for (const [id, value] of Object.entries(answers)) {
      if (typeof value === 'object')
        for (const [row, rating] of Object.entries(value as object)) fields[`${id}.${row}`] = String(rating);
      else fields[id] = String(value);
    }
    const form = await postForm('/surveys/steering-group/responses', fields);
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/forms/steering-group/receipt/${json.json.responseId}`);
  });

  it('moves the week counters with the response', async () => {
    const token = await invite('company-value');
    const response = await postJson(app, '/surveys/company-value/responses', {
      token,
      answers: companyValue({ recommend: 10 }),
    });
    const stored = await responses.getResponse(response.json.responseId as string);
    const { Item } = await db.documents.send(
      new GetCommand({ TableName: db.tableName, Key: keys.week('company-value', stored!.week) }),
    );
    const counters = countersOf(Item);
    expect(counters.responses).toBeGreaterThanOrEqual(1);
    expect(counters['recommend=10']).toBeGreaterThanOrEqual(1);
    expect(counters['recommend#n']).toBe(counters.responses);
  });
});

describe('POST /surveys/{id}/responses: every status of the contract', () => {
  it('404 for an unknown survey, before anything else is checked', async () => {
    const response = await postJson(app, '/surveys/nosuch/responses', 'not json', {
      'content-type': 'text/plain',
    });
    expect(response.status).toBe(404);
    expect(response.json).toMatchObject({ error: 'not_found' });
  });

  it('404, not a 5xx, for a path with a malformed percent-escape', async () => {
    expect((await fetch(`${app.url}/surveys/%E0`)).status).toBe(404);
    expect((await postJson(app, '/surveys/%E0%A4/responses', {})).status).toBe(404);
  });

  it('415 for another content type', async () => {
    const response = await postJson(app, applications, '{}', { 'content-type': 'text/plain' });
    expect(response.status).toBe(415);
    expect(response.json).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('413 for a body over 256 KiB, counted in bytes', async () => {
    const body = JSON.stringify({ answers: { centreName: 'å'.repeat(140 * 1024) } });
    expect(body.length).toBeLessThan(256 * 1024);
    const response = await postJson(app, applications, body);
    expect(response.status).toBe(413);
    expect(response.json).toMatchObject({ error: 'too_large' });
  });

  it('400 bad_request for a body that is not a JSON object or not UTF-8', async () => {
    for (const body of ['{"answers":', '[]', '"text"']) {
      const response = await postJson(app, applications, body);
      expect(response.status, body).toBe(400);
      expect(response.json).toMatchObject({ error: 'bad_request' });
    }
    const invalidUtf8 = await fetch(`${app.url}${applications}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    });
    expect(invalidUtf8.status).toBe(400);
  });

  it('400 validation with one issue per problem, each naming the question', async () => {
    const response = await postJson(app, applications, {
      answers: centreApplication({ orgNumber: '212000-0762', town: undefined, unknownQuestion: 'x' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('validation');
    expect(response.json.issues).toEqual([
      { path: ['answers', 'orgNumber'], message: expect.stringContaining('Organisationsnummer') },
      { path: ['answers', 'town'], message: expect.stringContaining('Ort') },
      { path: ['answers', 'unknownQuestion'], message: expect.any(String) },
    ]);
  });

  it('400 validation for a submissionId that is not a UUID', async () => {
    const response = await postJson(app, applications, { submissionId: 'abc', answers: centreApplication() });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: 'validation', issues: [{ path: ['submissionId'] }] });
  });

  it('400 for a number sent as a string in JSON', async () => {
    const token = await invite('company-value');
    const response = await postJson(app, '/surveys/company-value/responses', {
      token,
      answers: companyValue({ recommend: '9' }),
    });
    expect(response.status).toBe(400);
    expect(response.json.issues).toEqual([{ path: ['answers', 'recommend'], message: expect.any(String) }]);
  });

  it('403 for an invite survey without a token, with an unknown token, or with another survey’s token', async () => {
    const path = '/surveys/company-value/responses';
    const missing = await postJson(app, path, { answers: companyValue() });
    const unknown = await postJson(app, path, { token: newToken(), answers: companyValue() });
    const foreign = await postJson(app, path, {
      token: await invite('steering-group'),
      answers: companyValue(),
    });
    for (const response of [missing, unknown, foreign]) {
      expect(response.status).toBe(403);
      expect(response.json).toMatchObject({ error: 'forbidden', message: expect.any(String) });
    }
  });

  it('409 already_answered for a second answer with a used token, but 200 for a retry of the first', async () => {
    const token = await invite('company-value');
    const path = '/surveys/company-value/responses';
    const submissionId = randomUUID();
    expect((await postJson(app, path, { submissionId, token, answers: companyValue() })).status).toBe(201);
    expect((await postJson(app, path, { submissionId, token, answers: companyValue() })).status).toBe(200);
    const second = await postJson(app, path, { token, answers: companyValue({ recommend: 3 }) });
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ error: 'already_answered' });
  });

  it('lets only one of two different answers with the same token through when they race', async () => {
    const token = await invite('company-value');
    const path = '/surveys/company-value/responses';
    const results = await Promise.all([
      postJson(app, path, { token, answers: companyValue({ recommend: 1 }) }),
      postJson(app, path, { token, answers: companyValue({ recommend: 2 }) }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual([201, 409]);
  });

  it('never answers hostile bodies with a 5xx', async () => {
    const bodies = [
      '{"answers":{"__proto__":{"polluted":true}}}',
      '{"answers":{"constructor":{"prototype":{"x":1}}}}',
      JSON.stringify({
        answers: Object.fromEntries(Array.from({ length: 5000 }, (_, index) => [`q${index}`, index])),
      }),
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      JSON.stringify({ answers: { courses: Array.from({ length: 2000 }, () => ({ name: 'x' })) } }),
      JSON.stringify({ answers: centreApplication({ centreName: '<script>alert(1)</script>' }), token: 5 }),
      JSON.stringify({ answers: 'x' }),
      '{"answers":null}',
      JSON.stringify({ answers: { criteriaRating: { 'quality-assured-process': 1e308 } } }),
    ];
    for (const body of bodies) {
      const response = await postJson(app, applications, body);
      expect(response.status, body.slice(0, 60)).toBeLessThan(500);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('the hosted form path (urlencoded, no JavaScript)', () => {
  it('answers 303 to a receipt page that shows the reference number', async () => {
    const answers = centreApplication();
    const fields: Record<string, string | string[]> = { submissionId: randomUUID() };
    for (const [id, value] of Object.entries(answers)) {
      if (Array.isArray(value))
        value.forEach((item, index) => {
          for (const [field, inner] of Object.entries(item as object))
            fields[`${id}.${index}.${field}`] = String(inner);
        });
      else if (typeof value === 'object')
        for (const [row, rating] of Object.entries(value as object)) fields[`${id}.${row}`] = String(rating);
      else fields[id] = String(value);
    }
    fields.decisionDate = '2026-10-15';
    const response = await postForm(applications, { ...fields, criteriaFollowUp: 'Rad ett\r\nRad två' });
    expect(response.status).toBe(303);
    const location = response.headers.get('location')!;
    const reference = location.split('/').pop()!;
    const receipt = await fetch(`${app.url}${location}`);
    expect(receipt.status).toBe(200);
    expect(await receipt.text()).toContain(reference);
    expect((await responses.getResponse(reference))?.answers.criteriaFollowUp).toBe('Rad ett\nRad två');
  });

  it('re-renders the form with an error summary and the typed answers (400)', async () => {
    const response = await postForm(applications, {
      submissionId: randomUUID(),
      centreName: '<b>Mitt centrum</b>',
      orgNumber: '123',
    });
    expect(response.status).toBe(400);
    const page = await response.text();
    expect(page).toContain('class="error-summary"');
    expect(page).toMatch(/<title>Fel \(\d+ fel\): /);
    expect(page).toContain('href="#orgNumber"');
    expect(page).toContain('value="&lt;b&gt;Mitt centrum&lt;/b&gt;"');
    expect(page).not.toContain('<b>Mitt centrum</b>');
  });

  it('adds a course row without storing anything', async () => {
    const before = await storedResponses('centre-application');
    const response = await postForm(applications, {
      submissionId: randomUUID(),
      'courses.0.name': 'CNC',
      _action: 'add:courses',
    });
    expect(response.status).toBe(200);
    const page = await response.text();
    expect(page).toContain('name="courses.1.name"');
    expect(page).toContain('value="CNC"');
    expect(await storedResponses('centre-application')).toBe(before);
  });

  it('shows invite problems as pages: 403 for an unknown link, 409 for a used one', async () => {
    expect((await fetch(`${app.url}/forms/company-value`)).status).toBe(403);
    expect((await fetch(`${app.url}/forms/company-value?token=${newToken()}`)).status).toBe(403);
    const token = await invite('company-value', 'Gjuteri & Söner <AB>');
    const open = await fetch(`${app.url}/forms/company-value?token=${token}`);
    expect(open.status).toBe(200);
    expect(await open.text()).toContain('Välkommen, Gjuteri &amp; Söner &lt;AB&gt;.');
    await postJson(app, '/surveys/company-value/responses', { token, answers: companyValue() });
    const used = await fetch(`${app.url}/forms/company-value?token=${token}`);
    expect(used.status).toBe(409);
    expect(await used.text()).toContain('Tack för ditt svar');
  });
});

describe('submitResponse against the real store', () => {
  const survey = getSurvey('centre-application')!;
  const body = (answers: object, submissionId = randomUUID()) =>
    new TextEncoder().encode(JSON.stringify({ submissionId, answers }));

  it('answers 410 when the survey is closed, but still answers a retry as a retry', async () => {
    const deps = { store: responses, getSurvey, retentionUntil };
    const submissionId = randomUUID();
    const open = await submitResponse(deps, {
      surveyId: survey.id,
      contentType: 'application/json',
      body: body(centreApplication(), submissionId),
      lang: 'sv',
      now: new Date(),
    });
    expect(open.ok).toBe(true);
    const afterClose = new Date('2027-07-02T12:00:00Z');
    const closed = await submitResponse(deps, {
      surveyId: survey.id,
      contentType: 'application/json',
      body: body(centreApplication()),
      lang: 'sv',
      now: afterClose,
    });
    expect(closed.ok === false && closed.problem.status).toBe(410);
    const retry = await submitResponse(deps, {
      surveyId: survey.id,
      contentType: 'application/json',
      body: body(centreApplication(), submissionId),
      lang: 'sv',
      now: afterClose,
    });
    expect(retry).toMatchObject({ ok: true, created: false, receipt: open.ok ? open.receipt : undefined });
  });

  it('answers 503 unavailable, storing nothing, when DynamoDB cannot be reached', async () => {
    const down = createDb({
      tableName: db.tableName,
      region: 'eu-north-1',
      endpoint: `http://127.0.0.1:${await freePort()}`,
      credentials: localCredentials,
    });
    const deps = { store: createResponseStore(down), getSurvey, retentionUntil };
    const result = await submitResponse(deps, {
      surveyId: survey.id,
      contentType: 'application/json',
      body: body(centreApplication()),
      lang: 'sv',
      now: new Date(),
    });
    expect(result.ok === false && result.problem.code).toBe('unavailable');
  });
});
