/**
 * What integration tests share: the real app (local runtime + handlers) on a free port, the
 * store and mailer wired exactly as the functions wire them, and the mail SES local received.
 */
import type { Server } from 'node:http';
import { afterAll } from 'vitest';
import { createApp, listen } from '../../local/server.ts';
import { wire } from '../../functions/wiring.ts';
import { createMailer } from '../../shared/adapters/ses.ts';
import { responseOf } from '../../shared/adapters/store/responses.ts';
import { countersOf, queryAll, queryPages } from '../../shared/adapters/store/client.ts';
import { indexKeys, partitions, sortPrefixes } from '../../shared/adapters/store/keys.ts';
import { countersFor, sumCounters } from '../../shared/core/aggregate.ts';
import { getSurvey } from '../../surveys/index.ts';

export type App = { url: string; close: () => Promise<void> };

/** Starts the app for this test file; closed after the file's tests. */
export async function startApp(): Promise<App> {
  const server: Server = createApp();
  const port = await listen(server, 0);
  const app = {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  afterAll(app.close);
  return app;
}

export function wiring() {
  return wire();
}

export function testMailer() {
  const { config } = wire();
  return createMailer({
    region: config.AWS_REGION,
    from: config.SKC_FROM_ADDRESS,
    endpoint: process.env.SKC_SES_ENDPOINT!,
  });
}

export type StoredMail = {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: { content: string; contentType: string; filename?: string; size: number }[];
  at: number;
};

/** Mail SES local has received, optionally only that sent to `to`. */
export async function sentMail(to?: string): Promise<StoredMail[]> {
  const response = await fetch(`${process.env.SKC_SES_ENDPOINT}/store`);
  const { emails } = (await response.json()) as { emails: StoredMail[] };
  return to ? emails.filter((mail) => mail.destination.to.some((address) => address.includes(to))) : emails;
}

export async function postJson(app: App, path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${app.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json: json as Record<string, unknown> };
}

/** Every stored response of a survey, with its personal answers joined back. */
export async function allResponses(surveyId: string) {
  const { db, responses } = wire();
  const found = [];
  for await (const items of queryPages(db, { partition: indexKeys.responses(surveyId), index: true })) {
    for (const item of items) {
      const response = responseOf(item);
      found.push({
        ...response,
        answers: { ...response.answers, ...((await responses.getPersonal(response.responseId)) ?? {}) },
      });
    }
  }
  return found;
}

/** The survey's counters summed over all weeks (the nation-wide `ALL` buckets). */
export async function storedCounters(surveyId: string): Promise<Record<string, number>> {
  const { db } = wire();
  const items = await queryAll(db, {
    partition: partitions.aggregates(surveyId),
    beginsWith: sortPrefixes.week,
    consistent: true,
  });
  return sumCounters(items.filter((item) => String(item.sk).endsWith('#ALL')).map(countersOf));
}

/** What the counters must be: recomputed from the stored responses themselves. */
export async function recomputedCounters(surveyId: string): Promise<Record<string, number>> {
  const survey = getSurvey(surveyId)!;
  return sumCounters((await allResponses(surveyId)).map((response) => countersFor(survey, response.answers)));
}
