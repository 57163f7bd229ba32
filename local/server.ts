/**
 * The local stand-in for API Gateway: a small HTTP server that turns each request into the
 * API Gateway v2 event the real handler gets (lower-cased headers, rawQueryString,
 * pathParameters, base64 body) and writes back its result. Routes come from the same table the
 * CDK stack uses.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';
import { MAX_BODY_BYTES } from '../shared/core/body.ts';
import { functions, matchRoute, type FunctionName } from '../functions/routes.ts';
import type { HttpHandler, HttpResponse } from '../functions/http.ts';
import { logger } from '../shared/adapters/log.ts';

const root = resolve(import.meta.dirname, '..');
const handlers = new Map<FunctionName, Promise<HttpHandler>>();

function handlerOf(name: FunctionName): Promise<HttpHandler> {
  let handler = handlers.get(name);
  if (!handler) {
    const url = pathToFileURL(resolve(root, functions[name].entry)).href;
    handler = import(url).then((module: { handler: HttpHandler }) => module.handler);
    handlers.set(name, handler);
  }
  return handler;
}

/** Reads at most `limit` bytes; the handler sees that the body is over the limit and says 413. */
async function readBody(
  request: IncomingMessage,
  limit: number,
): Promise<{ bytes: Buffer; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    size += chunk.length;
    if (size > limit) return { bytes: Buffer.concat(chunks).subarray(0, limit + 1), truncated: true };
  }
  return { bytes: Buffer.concat(chunks), truncated: false };
}

export type PlainRequest = {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body: Uint8Array;
  httpVersion?: string;
};

/** The API Gateway v2 event of a request, as the real handler gets it (also used by tests). */
export function apiEvent(
  request: PlainRequest,
  routeKey: string,
  params: Record<string, string>,
): APIGatewayProxyEventV2 {
  const { url, headers, body } = request;
  const now = new Date();
  return {
    version: '2.0',
    routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    headers,
    ...(url.search && { queryStringParameters: Object.fromEntries(url.searchParams) }),
    ...(Object.keys(params).length && { pathParameters: params }),
    requestContext: {
      accountId: 'local',
      apiId: 'local',
      domainName: url.host,
      domainPrefix: 'local',
      http: {
        method: request.method,
        path: url.pathname,
        protocol: `HTTP/${request.httpVersion ?? '1.1'}`,
        sourceIp: '127.0.0.1',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey,
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length && { body: Buffer.from(body).toString('base64') }),
    isBase64Encoded: body.length > 0,
  };
}

/** Routes a plain request to its real handler, as API Gateway would; undefined when no route matches. */
export async function invoke(request: PlainRequest): Promise<HttpResponse | undefined> {
  const match = matchRoute(request.method, request.url.pathname);
  if (!match) return undefined;
  const event = apiEvent(request, `${match.route.method} ${match.route.path}`, match.params);
  const handler = await handlerOf(match.route.function);
  return handler(event, { awsRequestId: event.requestContext.requestId } as Context);
}

function headersOf(request: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(',') : value;
  }
  return headers;
}

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  if (!matchRoute(request.method ?? 'GET', url.pathname)) {
    response.writeHead(404, { 'content-type': 'application/json' }).end('{"message":"Not Found"}');
    return;
  }
  const { bytes, truncated } = await readBody(request, MAX_BODY_BYTES);
  const result = (await invoke({
    method: request.method ?? 'GET',
    url,
    headers: headersOf(request),
    body: bytes,
    httpVersion: request.httpVersion,
  }))!;
  const headers: Record<string, string> = { ...(result.headers ?? {}) };
  // Stop a client that is still sending an over-long body: answer, then close.
  if (truncated) headers.connection = 'close';
  const payload = result.isBase64Encoded
    ? Buffer.from(result.body ?? '', 'base64')
    : Buffer.from(result.body ?? '');
  response.writeHead(result.statusCode, { ...headers, 'content-length': String(payload.length) });
  response.end(payload);
  if (truncated) request.destroy();
}

export function createApp(): Server {
  return createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      logger.error('local runtime failure', { error: (error as Error).name });
      if (!response.headersSent) response.writeHead(500, { 'content-type': 'application/json' });
      response.end('{"message":"Internal Server Error"}');
    });
  });
}

export async function listen(server: Server, port: number, host = '127.0.0.1'): Promise<number> {
  await new Promise<void>((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolvePromise());
  });
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}
