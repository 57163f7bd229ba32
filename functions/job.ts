/**
 * The middy stack of the jobs (the mailer and the digest): Powertools' logging context (the
 * request id on every line) and metrics flushed once per invocation. HTTP functions get the same
 * through `http.ts` (metrics only where they emit any: `submit`).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { logger } from '../shared/adapters/log.ts';
import { flushMetrics } from '../shared/adapters/metrics.ts';

export function jobHandler<TEvent, TResult>(
  handle: (event: TEvent) => Promise<TResult>,
): (event: TEvent, context?: Context) => Promise<TResult> {
  const handler = middy<TEvent, TResult>()
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use(flushMetrics())
    .handler(handle);
  // Lambda always passes a context; a direct call (a test, the local runtime) may not.
  return (event, context = {} as Context) => handler(event, context);
}
