/**
 * Every key of the one table, built here and nowhere else: the item keys (pk / sk), the GSI1
 * partitions, and the prefixes read back from keys. A new kind of item gets its key here first.
 * `table.ts` describes what each item holds.
 */
import { emailHash } from '../../core/tokens.ts';
import { table } from './table.ts';

/** A table key as the document client reads and writes it. */
export type ItemKey = { [table.partitionKey]: string; [table.sortKey]: string };

const itemKey = (partition: string, sort: string): ItemKey => ({
  [table.partitionKey]: partition,
  [table.sortKey]: sort,
});

/** Partitions read whole (a Query by partition key). */
export const partitions = {
  /** A survey's counters: week buckets, invites, statuses. */
  aggregates: (surveyId: string) => `AGG#${surveyId}`,
  /** An application's case item and its `HIST#<time>` history. */
  application: (responseId: string) => `APP#${responseId}`,
  /** One person's lookup items, by the hash of their address. */
  emailLookups: (hash: string) => `EMAIL#${hash}`,
  /** One address's receipt quota, one item per Stockholm day. */
  receiptQuota: (hash: string) => `RECEIPTS#${hash}`,
};

/** Sort-key prefixes that a Query narrows by. */
export const sortPrefixes = { history: 'HIST#', week: 'W#' } as const;

/** Partition-key prefixes that a scan or a stream record is recognised by. */
export const prefixes = { invite: 'INVITE#', outbox: 'OUTBOX#', response: 'RESP#' } as const;

/** The key of the invitee item of a person invited to a survey (also stored as a reference). */
export function inviteeKey(surveyId: string, email: string): string {
  return `INVITEE#${surveyId}#${emailHash(email)}`;
}

export const keys = {
  submission: (surveyId: string, submissionId: string) => itemKey(`SUB#${surveyId}#${submissionId}`, 'SUB'),
  response: (responseId: string) => itemKey(`${prefixes.response}${responseId}`, 'RESPONSE'),
  personal: (responseId: string) => itemKey(`${prefixes.response}${responseId}`, 'PERSONAL'),
  week: (surveyId: string, week: string, region?: string) =>
    itemKey(partitions.aggregates(surveyId), region ? `W#${week}#R#${region}` : `W#${week}#ALL`),
  invites: (surveyId: string) => itemKey(partitions.aggregates(surveyId), 'INVITES'),
  statuses: (surveyId: string) => itemKey(partitions.aggregates(surveyId), 'STATUS'),
  invite: (tokenHash: string) => itemKey(`${prefixes.invite}${tokenHash}`, 'INVITE'),
  invitee: (inviteeKey: string) => itemKey(inviteeKey, 'INVITEE'),
  application: (responseId: string) => itemKey(partitions.application(responseId), 'APP'),
  history: (responseId: string, historyKey: string) =>
    itemKey(partitions.application(responseId), historyKey),
  /** Points from a person's address hash at an item that holds their data (`reference` is its pk). */
  emailLookup: (hash: string, reference: string) => itemKey(partitions.emailLookups(hash), reference),
  receiptQuota: (hash: string, day: string) => itemKey(partitions.receiptQuota(hash), day),
  digestRun: (week: string) => itemKey(`DIGEST#${week}`, 'RUN'),
  outbox: (id: string) => itemKey(`${prefixes.outbox}${id}`, 'OUTBOX'),
  /** Never written: the health check reads it to see that storage answers. */
  health: () => itemKey('HEALTH', 'HEALTH'),
  /** The key of an item read back (a scan result), to delete it. */
  of: (item: Record<string, unknown>) =>
    itemKey(String(item[table.partitionKey]), String(item[table.sortKey])),
};

/** The sort key of a history item written at `at` (ISO time). */
export const historyKey = (at: string) => `${sortPrefixes.history}${at}`;

/** GSI1 partitions: responses by survey (sorted by week and time), applications, invitees, pending mail. */
export const indexKeys = {
  responses: (surveyId: string) => `RESPONSES#${surveyId}`,
  applications: 'APPLICATIONS',
  invitees: (surveyId: string) => `INVITEES#${surveyId}`,
  outbox: 'OUTBOX#PENDING',
};

/** The outbox id of an outbox item's partition key (`OUTBOX#<id>`), if it is one. */
export function outboxIdOf(pk: string | undefined): string | undefined {
  return pk?.startsWith(prefixes.outbox) ? pk.slice(prefixes.outbox.length) : undefined;
}

/** The response id of a response item's partition key (`RESP#<id>`). */
export function responseIdOf(pk: string): string {
  return pk.slice(prefixes.response.length);
}
