/**
 * Submit throughput: valid centre applications POSTed with autocannon to the local runtime
 * (local/server.ts → functions/submit.ts → DynamoDB Local), each with a fresh submissionId,
 * against a bare client storing the same transaction (shared/adapters/store/responses.ts) at the same
 * concurrency. The two alternate in halves, so a change of load on the machine hits both.
 */
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import autocannon from 'autocannon';
import { retentionUntil, loadConfig } from '../shared/adapters/config.ts';
import { prepareTable } from '../local/services.ts';
import { createApp, listen } from '../local/server.ts';
import { createResponseStore } from '../shared/adapters/store/responses.ts';
import { newResponseId } from '../shared/core/tokens.ts';
import { centreApplication } from '../test/fixtures/answers.ts';
import { newResponse } from './responses.ts';
import { logger } from '../shared/adapters/log.ts';
import { quantile, round, type Part } from './report.ts';

type Segment = { count: number; ms: number; latencies: number[]; statuses: Record<string, number> };

type Load = { count: number; connections: number; maxMs: number };

function httpSegment(url: string, options: Load): Promise<Segment> {
  const answers = centreApplication();
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const started = performance.now();
  let finished = started;
  return new Promise((resolvePromise, reject) => {
    const instance = autocannon(
      {
        url,
        connections: options.connections,
        amount: options.count,
        timeout: 30,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        requests: [
          {
            setupRequest: (request) => ({
              ...request,
              body: JSON.stringify({ submissionId: randomUUID(), answers }),
            }),
          },
        ],
      },
      (error) => {
        clearTimeout(deadline);
        if (error) reject(error);
        else resolvePromise({ count: latencies.length, ms: finished - started, latencies, statuses });
      },
    );
    const deadline = setTimeout(() => instance.stop(), options.maxMs);
    // autocannon's own duration is rounded to its one-second ticks: time the last answer instead.
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      finished = performance.now();
      latencies.push(ms);
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
  });
}

async function bareSegment(store: ReturnType<typeof createResponseStore>, options: Load): Promise<Segment> {
  const template = newResponse(centreApplication(), {
    submissionId: randomUUID(),
    now: new Date(),
    retentionUntil: retentionUntil(loadConfig({})),
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < options.count && performance.now() - started < options.maxMs) {
      issued++;
      const response = {
        ...template,
        receipt: { ...template.receipt, responseId: newResponseId(), submissionId: randomUUID() },
        submittedAt: new Date(),
      };
      const sent = performance.now();
      // Counted like the HTTP path's 503: a slow DynamoDB Local can outlast the request timeout.
      const outcome = await store.saveResponse(response).catch((error: Error) => error.name);
      latencies.push(performance.now() - sent);
      statuses[outcome] = (statuses[outcome] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  return { count: latencies.length, ms: performance.now() - started, latencies, statuses };
}

function combine(segments: Segment[]): Segment {
  const statuses: Record<string, number> = {};
  for (const segment of segments)
    for (const [status, count] of Object.entries(segment.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  return {
    count: segments.reduce((sum, segment) => sum + segment.count, 0),
    ms: segments.reduce((sum, segment) => sum + segment.ms, 0),
    latencies: segments.flatMap((segment) => segment.latencies),
    statuses,
  };
}

export async function submit(options: {
  endpoint: string;
  count: number;
  connections: number;
}): Promise<Part> {
  const tableName = `bench-submit-${Date.now()}`;
  process.env.SKC_DYNAMODB_ENDPOINT = options.endpoint;
  process.env.SKC_TABLE_NAME = tableName;
  process.env.AWS_REGION = 'eu-north-1';
  // The rows count every answer that was not 201; one warning line per 503 would bury the table.
  logger.setLogLevel('SILENT');
  const db = await prepareTable(options.endpoint, tableName);
  const store = createResponseStore(db);
  const server: Server = createApp();
  const port = await listen(server, 0);
  const url = `http://127.0.0.1:${port}/surveys/centre-application/responses`;
  try {
    // Bounded in count and in time: a slow machine measures fewer submissions, not for longer.
    const half = { count: Math.ceil(options.count / 2), connections: options.connections, maxMs: 30_000 };
    const warmUp = { count: 100, connections: options.connections, maxMs: 10_000 };
    // DynamoDB Local's JIT first (its first transactions can outlast the handler's request timeout).
    await bareSegment(store, warmUp);
    await httpSegment(url, warmUp);
    const http: Segment[] = [];
    const bare: Segment[] = [];
    for (let round = 0; round < 2; round++) {
      bare.push(await bareSegment(store, half));
      http.push(await httpSegment(url, half));
    }
    const runtime = combine(http);
    const floor = combine(bare);
    const created = runtime.statuses['201'] ?? 0;
    const stored = floor.statuses.stored ?? 0;
    // Rates count stored responses only: an answer that timed out is no throughput.
    const rate = (successes: number, segment: Segment) => (successes / segment.ms) * 1000;
    const ratio = rate(created, runtime) / rate(stored, floor);
    const latency = (segment: Segment) =>
      `p50 ${round(quantile(segment.latencies, 0.5), 1)} / p99 ${round(quantile(segment.latencies, 0.99), 1)} ms`;
    return {
      rows: [
        {
          part: 'submit',
          name: `submit rate, ${options.connections} concurrent`,
          value: round(rate(created, runtime), 1),
          floor: round(rate(stored, floor), 1),
          unit: 'responses/s',
          ratio: round(ratio, 2),
          target: '≥ 0.8× floor',
          met: ratio >= 0.8 && created === runtime.count,
          detail:
            `${runtime.count} POSTs (${created} × 201) vs ${floor.count} bare transactions (${stored} stored)` +
            (stored < floor.count ? `; bare failures: ${JSON.stringify(floor.statuses)}` : ''),
        },
        {
          part: 'submit',
          name: 'submit latency',
          value: round(quantile(runtime.latencies, 0.99), 1),
          floor: round(quantile(floor.latencies, 0.99), 1),
          unit: 'ms p99',
          ratio: round(quantile(runtime.latencies, 0.99) / quantile(floor.latencies, 0.99), 2),
          target: 'report',
          met: null,
          detail: `HTTP ${latency(runtime)}; bare ${latency(floor)}`,
        },
      ],
      data: {
        connections: options.connections,
        http: { count: runtime.count, ms: round(runtime.ms), statuses: runtime.statuses },
        bare: { count: floor.count, ms: round(floor.ms), statuses: floor.statuses },
        latencyMs: {
          http: { p50: quantile(runtime.latencies, 0.5), p99: quantile(runtime.latencies, 0.99) },
          bare: { p50: quantile(floor.latencies, 0.5), p99: quantile(floor.latencies, 0.99) },
        },
      },
    };
  } finally {
    await new Promise((resolvePromise) => server.close(resolvePromise));
    db.client.destroy();
  }
}
