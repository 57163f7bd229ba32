/**
 * The submit path under abuse: unbounded error lists, posts another site makes a browser send,
 * and probing the idempotency history of an erased person.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { main } from '../../bin/cli.ts';
import { getItem } from '../../shared/adapters/store/client.ts';
import { keys } from '../../shared/adapters/store/keys.ts';
import { validateAnswers } from '../../shared/core/validation.ts';
import { getSurvey } from '../../surveys/index.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, startApp, wiring } from './harness.ts';

const app = await startApp();
const { db, config, retentionUntil } = wiring();
const applications = '/surveys/centre-application/responses';
const publicOrigin = new URL(config.SKC_PUBLIC_URL).origin;

function postForm(fields: [string, string][], headers: Record<string, string> = {}) {
  return fetch(`${app.url}${applications}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

/** The hosted form's fields for a complete, valid application. */
function formFields(submissionId: string): [string, string][] {
  const fields: [string, string][] = [['submissionId', submissionId]];
  for (const [id, value] of Object.entries(centreApplication())) {
    if (Array.isArray(value))
      value.forEach((item: unknown, index) => {
        if (typeof item !== 'object' || item === null) fields.push([id, String(item)]);
        else
          for (const [field, inner] of Object.entries(item))
            fields.push([`${id}.${index}.${field}`, String(inner)]);
      });
    else if (typeof value === 'object' && value !== null)
      for (const [row, rating] of Object.entries(value)) fields.push([`${id}.${row}`, String(rating)]);
    else fields.push([id, String(value)]);
  }
  return fields;
}

async function skc(...argv: string[]) {
  const out: string[] = [];
  const code = await main(argv, process.env, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
  });
  return { code, out: out.join('\n') };
}

async function submissionItem(submissionId: string) {
  return getItem(db, keys.submission('centre-application', submissionId));
}

describe('a 400 lists at most 50 issues', () => {
  it('answers 30,000 bad group items with the first 50 issues and "more", in a small body', async () => {
    // Prepare
    const answers = centreApplication({ courses: Array.from({ length: 30_000 }, () => 1) });
    const found = validateAnswers(getSurvey('centre-application')!, answers, 'sv');
    const total = found.ok ? 0 : found.issues.length;
    expect(total).toBeGreaterThanOrEqual(30_000);
    // Act
    const response = await postJson(app, applications, { submissionId: randomUUID(), answers });
    // Assess
    expect(response.status).toBe(400);
    expect(response.json.error).toBe('validation');
    expect(response.json.issues).toHaveLength(50);
    expect(response.json.more).toBe(total - 50);
    expect((response.json.issues as { path: unknown[] }[])[0]?.path).toEqual(['answers', 'courses', 0]);
    expect(Buffer.byteLength(response.text)).toBeLessThan(16 * 1024);
  });

  it('has no "more" when every issue is listed', async () => {
    const response = await postJson(app, applications, { answers: centreApplication({ town: undefined }) });
    expect(response.status).toBe(400);
    expect(response.json).not.toHaveProperty('more');
  });

  it('keeps the no-JS error summary bounded too, counting the rest', async () => {
    // Prepare: as many bad course rows as the form's field limit lets through.
    const fields: [string, string][] = [['submissionId', randomUUID()]];
    for (let index = 0; index < 1_900; index++) fields.push([`courses.${index}.weeks`, 'x']);
    // Act
    const response = await postForm(fields);
    // Assess
    expect(response.status).toBe(400);
    const page = await response.text();
    const summary = page.slice(page.indexOf('class="error-summary"'), page.indexOf('</ul>'));
    expect(summary.match(/<li>/g)).toHaveLength(51);
    const listed = /\(([\d\s]+) fel\)/.exec(summary)?.[1]?.replace(/\s/g, '');
    expect(Number(listed)).toBeGreaterThan(1_900);
    expect(summary).toMatch(/… och \d+ fel till\./);
    expect(Buffer.byteLength(page)).toBeLessThan(600 * 1024);
  });
});

describe('a post another site made a browser send is refused first (403 cross_site)', () => {
  it('refuses Sec-Fetch-Site: cross-site, before even the survey is looked up', async () => {
    for (const path of [applications, '/surveys/nosuch/responses']) {
      const response = await postJson(
        app,
        path,
        { answers: centreApplication() },
        { 'sec-fetch-site': 'cross-site' },
      );
      expect(response.status, path).toBe(403);
      expect(response.json).toEqual({
        error: 'cross_site',
        message: expect.stringContaining('annan webbplats'),
      });
    }
  });

  it('refuses a foreign Origin, and explains it in a page to a person posting the form', async () => {
    const json = await postJson(
      app,
      `${applications}?lang=en`,
      { answers: centreApplication() },
      { origin: 'https://evil.example' },
    );
    expect(json.status).toBe(403);
    expect(json.json).toEqual({ error: 'cross_site', message: expect.stringContaining('another website') });
    const form = await postForm([...formFields(randomUUID()), ['_action', 'add:courses']], {
      origin: 'https://evil.example',
    });
    expect(form.status).toBe(403);
    expect(form.headers.get('content-type')).toContain('text/html');
    expect(await form.text()).toContain('Svaret togs inte emot');
  });

  it('accepts the no-JS form, which posts with Origin: null', async () => {
    const response = await postForm(formFields(randomUUID()), {
      origin: 'null',
      'sec-fetch-site': 'same-origin',
    });
    expect(response.status).toBe(303);
  });

  it('accepts a same-origin post and one with neither header', async () => {
    const same = await postJson(
      app,
      applications,
      { submissionId: randomUUID(), answers: centreApplication() },
      { origin: publicOrigin, 'sec-fetch-site': 'same-origin' },
    );
    expect(same.status).toBe(201);
    const script = await postJson(app, applications, {
      submissionId: randomUUID(),
      answers: centreApplication(),
    });
    expect(script.status).toBe(201);
  });
});

describe('an erased person leaves nothing to probe (410 erased)', () => {
  it('answers every reuse of their submissionId 410, with the original or a changed body', async () => {
    // Prepare
    const email = `erase.${randomUUID().slice(0, 8)}@example.se`;
    const submissionId = randomUUID();
    const body = { submissionId, answers: centreApplication({ contactEmail: email }) };
    expect((await postJson(app, applications, body)).status).toBe(201);
    expect((await submissionItem(submissionId))?.expiresAt).toBe(retentionUntil);
    // Act
    expect((await skc('erase', '--email', email)).code).toBe(0);
    const original = await postJson(app, applications, body);
    const changed = await postJson(app, applications, {
      submissionId,
      answers: centreApplication({ contactEmail: email, town: 'Vimmerby' }),
    });
    const invalid = await postJson(app, applications, { submissionId, answers: { town: 1 } });
    // Assess
    for (const response of [original, changed, invalid]) {
      expect(response.status).toBe(410);
      expect(response.json).toEqual({ error: 'erased', message: expect.any(String) });
      expect(response.text).not.toContain('responseId');
    }
    const tombstone = await submissionItem(submissionId);
    expect(Object.keys(tombstone ?? {}).sort()).toEqual(['erasedAt', 'expiresAt', 'pk', 'sk']);
    expect(tombstone?.expiresAt).toBe(retentionUntil);
  });

  it('still answers 400 bad_request before the tombstone, as the contract orders', async () => {
    const email = `erase.${randomUUID().slice(0, 8)}@example.se`;
    const submissionId = randomUUID();
    const body = { submissionId, answers: centreApplication({ contactEmail: email }) };
    expect((await postJson(app, applications, body)).status).toBe(201);
    expect((await skc('erase', '--email', email)).code).toBe(0);
    const unparseable = await postJson(app, applications, `{"submissionId":"${submissionId}",`);
    expect(unparseable.status).toBe(400);
    expect(unparseable.json.error).toBe('bad_request');
  });
});
