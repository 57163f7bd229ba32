/**
 * The middy stack every HTTP function shares, one middleware per concern: Powertools' logging
 * context (and its metrics, in a function that emits any), security headers on every answer, the
 * API Gateway v2 event read into a plain request, and expected problems mapped to the contract (JSON or an HTML page) while
 * unexpected errors are logged once without personal data and masked as a plain 500.
 *
 * A new check on every request (a cross-site check, say) is one more middleware of the same
 * shape: a `before` that throws a Problem, `use`d after `readHttpRequest`. With the edge on, a
 * request that did not come through CloudFront is refused that way first (`requireEdgeOrigin`).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import middy, { type MiddlewareObj, type Request as MiddyRequest } from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { Lang } from '../shared/core/definition.ts';
import { Problem, problems, RETRY_AFTER_SECONDS } from '../shared/core/problem.ts';
import { errorPage } from '../shared/views/pages/error.ts';
import { logger } from '../shared/adapters/log.ts';

export type HttpRequest = {
  method: string;
  path: string;
  params: Record<string, string>;
  query: URLSearchParams;
  headers: Record<string, string>;
  body: Uint8Array;
  lang: Lang;
  now: Date;
};

export type HttpResponse = APIGatewayProxyStructuredResultV2 & {
  statusCode: number;
  headers?: Record<string, string>;
};

export type HttpHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<HttpResponse>;

/** How a route answers a problem: the contract's JSON, or a page a person can read. */
type Answer = 'json' | 'html';

/**
 * The Lambda context with the plain request that `readHttpRequest` puts on it (middy's way to hand
 * a middleware's result to the handler; the context is per invocation, so concurrent local
 * requests never share it).
 */
export type HttpContext = Context & { httpRequest?: HttpRequest };

/** A middleware of the HTTP stack, typed over its event, response and context. */
export type HttpMiddleware = MiddlewareObj<APIGatewayProxyEventV2, HttpResponse, Error, HttpContext>;
type HttpMiddyRequest = MiddyRequest<APIGatewayProxyEventV2, HttpResponse, Error, HttpContext>;

const securityHeaders: Record<string, string> = {
  'x-content-type-options': 'nosniff',
  // Invite tokens travel in form URLs: never leak them to another site.
  'referrer-policy': 'no-referrer',
  'strict-transport-security': 'max-age=63072000; includeSubDomains',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
  'cross-origin-opener-policy': 'same-origin',
  'cache-control': 'no-store',
};
const apiPolicy = "default-src 'none'; frame-ancestors 'none'";

/**
 * The header CloudFront adds to every request it forwards (`-c edge=true`), with a secret value
 * generated at deploy; the functions get the same value as SKC_ORIGIN_SECRET. Without it a
 * request reached the execute-api URL directly, past the WAF, and is answered 403.
 */
export const ORIGIN_SECRET_HEADER = 'x-skc-origin-secret';

export type HttpOptions = {
  /** Unset (locally, in tests, without the edge): every request is answered. Default: SKC_ORIGIN_SECRET. */
  originSecret?: string | undefined;
  /**
   * The function's metrics, flushed after every request (`flushMetrics()` of
   * shared/adapters/metrics.ts). Only a function that emits metrics passes it, so the others do
   * not load Powertools Metrics at their cold start.
   */
  metrics?: MiddlewareObj;
};

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compares digests, so the time taken tells nothing about how much of a guess was right. */
function cameThroughEdge(headers: Record<string, string>, secret: string): boolean {
  const sent = headers[ORIGIN_SECRET_HEADER];
  return sent !== undefined && timingSafeEqual(digest(sent), digest(secret));
}

const notThroughEdge = () =>
  new Problem('forbidden', {
    sv: 'Använd enkätens offentliga adress.',
    en: 'Use the public address of the survey.',
  });

export function toRequest(event: APIGatewayProxyEventV2): HttpRequest {
  const query = new URLSearchParams(event.rawQueryString ?? '');
  const body = event.body
    ? event.isBase64Encoded
      ? new Uint8Array(Buffer.from(event.body, 'base64'))
      : new TextEncoder().encode(event.body)
    : new Uint8Array();
  return {
    method: event.requestContext.http.method,
    path: event.rawPath,
    params: Object.fromEntries(
      Object.entries(event.pathParameters ?? {}).map(([name, value]) => [name, value ?? '']),
    ),
    query,
    headers: Object.fromEntries(
      Object.entries(event.headers ?? {}).map(([name, value]) => [name.toLowerCase(), value ?? '']),
    ),
    body,
    lang: query.get('lang') === 'en' ? 'en' : 'sv',
    now: new Date(),
  };
}

export function json(statusCode: number, body: unknown, headers: Record<string, string> = {}): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: JSON.stringify(body),
  };
}

export function html(statusCode: number, page: { body: string; policy: string }): HttpResponse {
  return {
    statusCode,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.policy },
    body: page.body,
  };
}

export function redirect(location: string): HttpResponse {
  return { statusCode: 303, headers: { location }, body: '' };
}

export function problemResponse(problem: Problem, lang: Lang, answer: Answer): HttpResponse {
  const retry: Record<string, string> =
    problem.code === 'unavailable' ? { 'retry-after': String(RETRY_AFTER_SECONDS) } : {};
  if (answer === 'html') {
    const response = html(problem.status, errorPage(problem, lang));
    return { ...response, headers: { ...response.headers, ...retry } };
  }
  return json(problem.status, problem.body(lang), retry);
}

/** Reads the API Gateway event into the plain request handlers get, and tags log lines with its survey. */
export function readHttpRequest(): HttpMiddleware {
  return {
    before: (request) => {
      const httpRequest = toRequest(request.event);
      request.context.httpRequest = httpRequest;
      if (httpRequest.params.id) logger.appendKeys({ surveyId: httpRequest.params.id });
    },
  };
}

/** With the edge on: refuses (403) a request without CloudFront's secret header; without it, a no-op. */
export function requireEdgeOrigin(secret: string | undefined): HttpMiddleware {
  return {
    before: (request) => {
      if (secret !== undefined && !cameThroughEdge(httpRequestOf(request.context).headers, secret))
        throw notThroughEdge();
    },
  };
}

/** The security headers on every answer, including the answers to errors. */
export function addSecurityHeaders(): HttpMiddleware {
  const addHeaders = (request: HttpMiddyRequest) => {
    if (request.response) request.response = withSecurityHeaders(request.response);
  };
  return { after: addHeaders, onError: addHeaders };
}

/**
 * Maps what a handler or an earlier middleware threw to an answer: a Problem to the contract's
 * status (JSON or a page, per `answer`), a store outage to 503 with Retry-After, anything else to
 * a plain 500, logged once by name without personal data.
 */
export function problemAnswers(options: { name: string; answer: Answer }): HttpMiddleware {
  return {
    onError: (request) => {
      const lang = request.context.httpRequest?.lang ?? 'sv';
      const error =
        request.error?.name === 'StoreUnavailableError' ? problems.unavailable(request.error) : request.error;
      if (error instanceof Problem) {
        if (error.code === 'unavailable')
          logger.warn('storage unavailable', { function: options.name, cause: causeName(error) });
        request.response = problemResponse(error, lang, options.answer);
        return;
      }
      logger.error('unexpected error', {
        function: options.name,
        error: causeName(error),
        message: safeMessage(error),
      });
      request.response =
        options.answer === 'html'
          ? html(500, errorPage(null, lang))
          : json(500, {
              error: 'internal',
              message: 'Something went wrong on our side. Please try again later.',
            });
    },
  };
}

/**
 * Wraps a handler of plain requests in the shared middy stack. `answer` says whether problems
 * are shown as JSON or as a page. Middlewares run `before` in this order and `after`/`onError`
 * in reverse, so problems are answered before the security headers are added.
 */
export function httpHandler(
  name: string,
  handle: (request: HttpRequest) => Promise<HttpResponse>,
  answer: Answer = 'json',
  options: HttpOptions = {},
): HttpHandler {
  const originSecret = options.originSecret ?? (process.env.SKC_ORIGIN_SECRET || undefined);
  const stack = middy<APIGatewayProxyEventV2, HttpResponse, Error, HttpContext>().use(
    injectLambdaContext(logger, { resetKeys: true }),
  );
  if (options.metrics) stack.use(options.metrics);
  return stack
    .use(addSecurityHeaders())
    .use(readHttpRequest())
    .use(problemAnswers({ name, answer }))
    .use(requireEdgeOrigin(originSecret))
    .handler(async (_event, context) => handle(httpRequestOf(context)));
}

function httpRequestOf(context: HttpContext): HttpRequest {
  if (!context.httpRequest) throw new Error('readHttpRequest must run before the handler');
  return context.httpRequest;
}

function withSecurityHeaders(response: HttpResponse): HttpResponse {
  return {
    ...response,
    headers: {
      ...securityHeaders,
      'content-security-policy': apiPolicy,
      ...response.headers,
    },
  };
}

function causeName(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  return cause instanceof Error ? cause.name : typeof cause;
}

/** Error messages of our own code carry no personal data; anything else is reduced to its name. */
function safeMessage(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200).replace(/[^\s]+@[^\s]+/g, '<email>') : '';
}
