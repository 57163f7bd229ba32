import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { centreApplication } from '../fixtures/answers.ts';
import { postJson, startApp } from './harness.ts';

const app = await startApp();
const path = '/surveys/centre-application/responses';

describe('POST /surveys/{id}/responses', () => {
  it('stores a valid application once and answers a retry with the same receipt', async () => {
    const submissionId = randomUUID();
    const first = await postJson(app, path, { submissionId, answers: centreApplication() });
    expect(first.status).toBe(201);
    expect(first.json).toMatchObject({ submissionId, status: 'received' });
    const retry = await postJson(app, path, { submissionId, answers: centreApplication() });
    expect(retry.status).toBe(200);
    expect(retry.json).toEqual(first.json);
  });
});
