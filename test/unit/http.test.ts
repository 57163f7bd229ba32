import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { httpHandler, json, ORIGIN_SECRET_HEADER } from '../../functions/http.ts';

function event(headers: Record<string, string> = {}): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: 'GET /health',
    rawPath: '/health',
    rawQueryString: '',
    headers,
    isBase64Encoded: false,
    requestContext: { http: { method: 'GET', path: '/health' } },
  } as unknown as APIGatewayProxyEventV2;
}

const context = {} as Context;
const secret = 'a'.repeat(16) + 'b'.repeat(16) + 'c'.repeat(16);
const ok = async () => json(200, { status: 'ok' });

describe('Function: httpHandler with the edge secret', () => {
  it('answers 403 to a request that did not come through CloudFront, without calling the handler', async () => {
    // Prepare
    let called = false;
    const handler = httpHandler(
      'probe',
      async () => {
        called = true;
        return ok();
      },
      'json',
      { originSecret: secret },
    );
    // Act
    const missing = await handler(event(), context);
    const wrong = await handler(event({ [ORIGIN_SECRET_HEADER]: `${secret}x` }), context);
    // Assess
    for (const response of [missing, wrong]) {
      expect(response.statusCode).toBe(403);
      expect(JSON.parse(response.body as string)).toMatchObject({ error: 'forbidden' });
      expect(response.headers?.['x-content-type-options']).toBe('nosniff');
    }
    expect(called).toBe(false);
  });

  it('answers a request that carries the secret CloudFront adds', async () => {
    const handler = httpHandler('probe', ok, 'json', { originSecret: secret });
    const response = await handler(event({ [ORIGIN_SECRET_HEADER]: secret }), context);
    expect(response.statusCode).toBe(200);
  });

  it('answers everything when no secret is configured (locally, in tests, without the edge)', async () => {
    vi.stubEnv('SKC_ORIGIN_SECRET', '');
    const handler = httpHandler('probe', ok, 'json', {});
    expect((await handler(event(), context)).statusCode).toBe(200);
  });

  describe('with SKC_ORIGIN_SECRET set (as on AWS with the edge on)', () => {
    afterEach(() => vi.unstubAllEnvs());

    it('refuses a request without the secret even when the function passes other options (its metrics)', async () => {
      vi.stubEnv('SKC_ORIGIN_SECRET', secret);
      const handler = httpHandler('probe', ok, 'json', { metrics: { after: () => {} } });
      expect((await handler(event(), context)).statusCode).toBe(403);
      expect((await handler(event({ [ORIGIN_SECRET_HEADER]: secret }), context)).statusCode).toBe(200);
    });
  });
});
