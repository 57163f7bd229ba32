import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { metricNames } from '../../shared/adapters/metric-names.ts';

/** The EMF blobs Powertools Metrics wrote to stdout while `work` ran. */
async function emittedMetrics(work: () => Promise<unknown>): Promise<Record<string, unknown>[]> {
  const lines: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    lines.push(String(chunk));
    return true;
  });
  try {
    await work();
  } finally {
    write.mockRestore();
  }
  return lines
    .flatMap((chunk) => chunk.split('\n'))
    .filter((line) => line.includes('"_aws"'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

function post(contentType: string, body: string): APIGatewayProxyEventV2 {
  return {
    rawPath: '/surveys/centre-application/responses',
    rawQueryString: '',
    headers: { 'content-type': contentType },
    pathParameters: { id: 'centre-application' },
    requestContext: { http: { method: 'POST' }, requestId: 'test' },
    body: Buffer.from(body).toString('base64'),
    isBase64Encoded: true,
  } as unknown as APIGatewayProxyEventV2;
}

describe('submit metrics', () => {
  afterEach(() => vi.restoreAllMocks());

  it('counts a refused submission in the total and under its reason', async () => {
    // Prepare: a body over 256 KiB is refused before the store is asked.
    const { handler } = await import('../../functions/submit.ts');
    const event = post('application/json', JSON.stringify({ answers: { text: 'x'.repeat(300 * 1024) } }));

    // Act
    let status = 0;
    const blobs = await emittedMetrics(async () => {
      status = (await handler(event, { awsRequestId: 'test' } as Context)).statusCode;
    });

    // Assess
    expect(status).toBe(413);
    const byReason = blobs.find((blob) => blob.reason === 'too_large');
    expect(byReason?.[metricNames.answersRefused]).toBe(1);
    const total = blobs.find((blob) => blob.reason === undefined && metricNames.answersRefused in blob);
    expect(total?.[metricNames.answersRefused]).toBe(1);
    expect(blobs.some((blob) => metricNames.answersStored in blob)).toBe(false);
  });

  it('counts a post to an unknown survey as refused with reason not_found', async () => {
    const { handler } = await import('../../functions/submit.ts');
    const event = { ...post('application/json', '{}'), pathParameters: { id: 'no-such-survey' } };

    const blobs = await emittedMetrics(() => handler(event, {} as Context));

    expect(blobs.find((blob) => blob.reason === 'not_found')?.[metricNames.answersRefused]).toBe(1);
  });
});
