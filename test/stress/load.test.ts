/**
 * A bounded load test on localhost: thousands of submissions where every one is posted twice
 * (a client retry with the same submissionId, often while the first is still in flight), and
 * 100 identical posts at once. The stored count must equal the acknowledged count, the counters
 * must equal a recomputation from the stored responses, and nothing may answer 5xx.
 */
import { randomUUID } from 'node:crypto';
import autocannon, { type Options, type Result } from 'autocannon';
import { describe, expect, it } from 'vitest';
import { centreApplication } from '../fixtures/answers.ts';
import {
  allResponses,
  postJson,
  recomputedCounters,
  startApp,
  storedCounters,
} from '../integration/harness.ts';

const app = await startApp();
const path = '/surveys/centre-application/responses';
const submissions = Number(process.env.SKC_LOAD_SUBMISSIONS ?? 800);

const run = (options: Options) =>
  new Promise<Result>((resolve, reject) =>
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result))),
  );

describe('load: retries and duplicates under concurrency', () => {
  it(`stores ${submissions} submissions posted twice each exactly once, with zero 5xx`, async () => {
    const ids = Array.from({ length: submissions }, () => randomUUID());
    const bodies = ids.map((submissionId, index) =>
      JSON.stringify({
        submissionId,
        answers: centreApplication({
          centreName: `Centrum ${index}`,
          courses: [
            {
              name: `Kurs ${index % 7}`,
              form: 'yh',
              length: 1 + (index % 40),
              lengthUnit: 'veckor',
              participantsPerYear: index % 100,
              partnerCompanies: index % 9,
            },
          ],
        }),
      }),
    );
    const statuses = new Map<number, number>();
    const acknowledged = new Map<string, string>();
    let sent = 0;
    const result = await run({
      url: `${app.url}${path}`,
      connections: 6,
      amount: submissions * 2,
      timeout: 30,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          // Request n and n + 1 carry the same submission: the second is the client's retry.
          setupRequest: (request: object) => ({
            ...request,
            body: bodies[Math.floor(sent++ / 2) % submissions],
          }),
          onResponse: (status: number, body: string) => {
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            if (status === 200 || status === 201) {
              const receipt = JSON.parse(body) as { submissionId: string; responseId: string };
              const earlier = acknowledged.get(receipt.submissionId);
              expect(earlier === undefined || earlier === receipt.responseId).toBe(true);
              acknowledged.set(receipt.submissionId, receipt.responseId);
            }
          },
        },
      ],
    });
    expect(result.errors + result.timeouts).toBe(0);
    expect([...statuses.keys()].sort()).toEqual([200, 201]);
    expect(statuses.get(201)).toBe(submissions);
    expect(acknowledged.size).toBe(submissions);

    const stored = await allResponses('centre-application');
    expect(stored.length).toBe(acknowledged.size);
    expect(new Set(stored.map((response) => response.submissionId))).toEqual(new Set(ids));
    expect(await storedCounters('centre-application')).toEqual(
      await recomputedCounters('centre-application'),
    );
    console.log(
      `load: ${submissions * 2} requests, ${Math.round(result.requests.average)} req/s, p99 ${result.latency.p99} ms`,
    );
  }, 240_000);

  it('answers 100 identical posts sent at once with one 201 and 99 replays of the same receipt', async () => {
    const body = { submissionId: randomUUID(), answers: centreApplication({ centreName: 'Dubbelklick AB' }) };
    const results = await Promise.all(Array.from({ length: 100 }, () => postJson(app, path, body)));
    expect(results.filter((result) => result.status === 201)).toHaveLength(1);
    expect(results.filter((result) => result.status === 200)).toHaveLength(99);
    expect(new Set(results.map((result) => result.json.responseId)).size).toBe(1);
    const stored = await allResponses('centre-application');
    expect(stored.filter((response) => response.submissionId === body.submissionId)).toHaveLength(1);
  }, 60_000);
});
