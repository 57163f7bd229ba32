/**
 * Fault injection: DynamoDB Local is stopped (SIGSTOP: it hangs, the worst kind of outage, as
 * requests neither fail nor finish) in the middle of a load, then resumed. Requests cut off by
 * our timeout may still commit when it resumes; clients retry with the same submissionId, as the
 * hosted form does. Every acknowledged answer must be stored exactly once, nothing half-written,
 * and the outage answered 503 with Retry-After — never another 5xx.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, prepareTable, startDynamo, type Dynamo } from '../../local/services.ts';
import { centreApplication } from '../fixtures/answers.ts';
import { allResponses, recomputedCounters, startApp, storedCounters } from '../integration/harness.ts';

// This file gets a DynamoDB Local of its own, so that stopping it disturbs no other test.
const dynamo: Dynamo = await startDynamo({ port: await freePort() });
process.env.SKC_DYNAMODB_ENDPOINT = dynamo.endpoint;
(await prepareTable(dynamo.endpoint, process.env.SKC_TABLE_NAME!)).client.destroy();
afterAll(async () => {
  dynamo.process.kill('SIGCONT');
  await dynamo.stop();
});

const app = await startApp();
const path = '/surveys/centre-application/responses';

type Outcome = { submissionId: string; responseId: string };
const seen = { statuses: new Map<number, number>(), retryAfter: new Set<string>() };

/** Posts until acknowledged, retrying the same submissionId on 503 or a dropped connection. */
async function submitUntilAcknowledged(index: number, deadline: number): Promise<Outcome> {
  const submissionId = randomUUID();
  const body = JSON.stringify({
    submissionId,
    answers: centreApplication({ centreName: `Centrum ${index}` }),
  });
  for (let attempt = 0; Date.now() < deadline; attempt++) {
    try {
      const response = await fetch(`${app.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
      });
      seen.statuses.set(response.status, (seen.statuses.get(response.status) ?? 0) + 1);
      if (response.status === 503) seen.retryAfter.add(response.headers.get('retry-after') ?? '');
      if (response.status === 200 || response.status === 201) {
        const receipt = (await response.json()) as Outcome;
        return receipt;
      }
      await response.arrayBuffer();
    } catch {
      // The app itself stays up; a network error here would be a bug the assertions below catch.
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(50 * 2 ** attempt, 500)));
  }
  throw new Error(
    `submission ${index} was never acknowledged; statuses so far: ${JSON.stringify([...seen.statuses])}`,
  );
}

describe('DynamoDB Local hung mid-load', () => {
  it('keeps every acknowledged answer exactly once and answers the outage with 503 + Retry-After', async () => {
    const total = 120;
    const clients = 6;
    const deadline = Date.now() + 90_000;
    const acknowledged: Outcome[] = [];
    let next = 0;
    let outage: Promise<void> | undefined;
    let formDuringOutage: Response | undefined;
    const worker = async () => {
      while (next < total) {
        const index = next++;
        acknowledged.push(await submitUntilAcknowledged(index, deadline));
        if (acknowledged.length === 40 && !outage) {
          outage = (async () => {
            dynamo.process.kill('SIGSTOP');
            // Stay hung until every client has met the outage (bounded), then resume.
            const until = Date.now() + 15_000;
            while (Date.now() < until && (seen.statuses.get(503) ?? 0) < clients)
              await new Promise((resolve) => setTimeout(resolve, 100));
            formDuringOutage = await fetch(`${app.url}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/x-www-form-urlencoded' },
              body: new URLSearchParams({
                submissionId: randomUUID(),
                centreName: 'Centrum under avbrottet',
              }).toString(),
            });
            dynamo.process.kill('SIGCONT');
          })();
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, worker));
    await outage;

    // Assess: the outage was visible as 503 with Retry-After, and as nothing else.
    expect(seen.statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect([...seen.retryAfter]).toEqual(['2']);
    expect([...seen.statuses.keys()].filter((status) => status >= 500 && status !== 503)).toEqual([]);

    // The form without JavaScript gets itself back, with what was typed and a notice, not JSON.
    expect(formDuringOutage?.status).toBe(503);
    expect(formDuringOutage?.headers.get('retry-after')).toBe('2');
    const page = await formDuringOutage!.text();
    expect(page).toContain('value="Centrum under avbrottet"');
    expect(page).toContain('Inget har sparats');

    // Every acknowledged submission is stored exactly once, with the receipt it was given.
    const stored = await allResponses('centre-application');
    expect(acknowledged).toHaveLength(total);
    expect(stored).toHaveLength(total);
    const byId = new Map(stored.map((response) => [response.responseId, response]));
    for (const receipt of acknowledged)
      expect(byId.get(receipt.responseId)?.submissionId).toBe(receipt.submissionId);

    // Nothing half-written: the counters equal a recomputation from the stored responses.
    expect(await storedCounters('centre-application')).toEqual(
      await recomputedCounters('centre-application'),
    );
  }, 120_000);
});
