import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import {
  ConditionFailedError,
  retryTransactionConflicts,
  StoreUnavailableError,
} from '../../shared/adapters/store/client.ts';
import { httpHandler } from '../../functions/http.ts';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

const cancelled = (...codes: string[]) =>
  new TransactionCanceledException({
    message: 'Transaction cancelled',
    $metadata: {},
    CancellationReasons: codes.map((Code) => ({ Code })),
  });

const noWait = async () => undefined;

describe('transact: contention is retried, not surfaced', () => {
  it('retries a TransactionConflict and succeeds when the conflict clears', async () => {
    let attempts = 0;
    const result = await retryTransactionConflicts(async () => {
      attempts++;
      if (attempts < 3) throw cancelled('None', 'TransactionConflict');
      return 'stored';
    }, noWait);
    expect(result).toBe('stored');
    expect(attempts).toBe(3);
  });

  it('gives up after a bounded number of conflicts as unavailable (503, retryable)', async () => {
    let attempts = 0;
    const failure = retryTransactionConflicts(async () => {
      attempts++;
      throw cancelled('TransactionConflict');
    }, noWait);
    await expect(failure).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(attempts).toBe(5);
  });

  it('hands a failed condition back to the caller without retrying', async () => {
    let attempts = 0;
    const failure = retryTransactionConflicts(async () => {
      attempts++;
      throw cancelled('ConditionalCheckFailed', 'None');
    }, noWait);
    await expect(failure).rejects.toBeInstanceOf(ConditionFailedError);
    expect(attempts).toBe(1);
  });
});

describe('httpHandler: errors mapped in one place', () => {
  const event = {
    rawPath: '/x',
    rawQueryString: '',
    headers: {},
    requestContext: { http: { method: 'GET' } },
  } as unknown as APIGatewayProxyEventV2;

  it('answers a storage outage with 503, Retry-After and the contract body', async () => {
    const handler = httpHandler('probe', async () => {
      throw new StoreUnavailableError('down');
    });
    const response = await handler(event, {} as Context);
    expect(response.statusCode).toBe(503);
    expect(response.headers?.['retry-after']).toBe('2');
    expect(JSON.parse(response.body as string)).toMatchObject({
      error: 'unavailable',
      message: expect.any(String),
    });
  });

  it('masks an unexpected error as a plain 500 without its message or stack', async () => {
    const handler = httpHandler('probe', async () => {
      throw new Error('secret detail anna@example.se');
    });
    const response = await handler(event, {} as Context);
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('secret');
    expect(response.headers?.['x-content-type-options']).toBe('nosniff');
  });
});

describe('unavailable: only what a retry can cure is an outage', () => {
  it('treats a refused connection or a 5xx as unavailable, and a validation error as a bug', async () => {
    const { classifyStoreFailure } = await import('../../shared/adapters/store/client.ts');
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    const serverError = Object.assign(new Error('oops'), {
      name: 'InternalServerError',
      $metadata: { httpStatusCode: 500 },
    });
    const invalid = Object.assign(new Error('Invalid key'), {
      name: 'ValidationException',
      $metadata: { httpStatusCode: 400 },
    });
    expect(classifyStoreFailure(refused)).toBeInstanceOf(StoreUnavailableError);
    expect(classifyStoreFailure(serverError)).toBeInstanceOf(StoreUnavailableError);
    expect(classifyStoreFailure(invalid)).toBe(invalid);
  });
});
