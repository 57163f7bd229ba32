/**
 * Responses in DynamoDB. One transaction stores a response with everything that must move with
 * it — idempotency record, counters, the invite's answered mark, the application case and the
 * receipt's outbox item — so a retry never stores twice and a failure never half-writes.
 */
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Invitation, NewResponse, Receipt, SubmissionStore } from '../../core/submit.ts';
import type { Answers } from '../../core/validation.ts';
import {
  addCounters,
  readItem,
  ConditionFailedError,
  key,
  N,
  S,
  str,
  transact,
  type Db,
  type Item,
} from './client.ts';
import { table } from './table.ts';

export const keys = {
  submission: (surveyId: string, submissionId: string) => key(`SUB#${surveyId}#${submissionId}`, 'SUB'),
  response: (responseId: string) => key(`RESP#${responseId}`, 'RESPONSE'),
  personal: (responseId: string) => key(`RESP#${responseId}`, 'PERSONAL'),
  week: (surveyId: string, week: string, region?: string) =>
    key(`AGG#${surveyId}`, region ? `W#${week}#R#${region}` : `W#${week}#ALL`),
  invites: (surveyId: string) => key(`AGG#${surveyId}`, 'INVITES'),
  statuses: (surveyId: string) => key(`AGG#${surveyId}`, 'STATUS'),
  invite: (tokenHash: string) => key(`INVITE#${tokenHash}`, 'INVITE'),
  invitee: (inviteeKey: string) => key(inviteeKey, 'INVITEE'),
  application: (responseId: string) => key(`APP#${responseId}`, 'APP'),
  outbox: (id: string) => key(`OUTBOX#${id}`, 'OUTBOX'),
};

/** GSI1 partitions: responses by survey (sorted by week and time), applications, pending mail. */
export const indexKeys = {
  responses: (surveyId: string) => `RESPONSES#${surveyId}`,
  applications: 'APPLICATIONS',
  outbox: 'OUTBOX#PENDING',
};

export type StoredResponse = {
  responseId: string;
  submissionId: string;
  surveyId: string;
  surveyVersion: number;
  submittedAt: string;
  week: string;
  region?: string;
  answers: Answers;
};

export function createResponseStore(db: Db): SubmissionStore & {
  getResponse(responseId: string): Promise<StoredResponse | undefined>;
  getPersonal(responseId: string): Promise<Answers | undefined>;
} {
  return {
    async findSubmission(surveyId, submissionId) {
      const item = await readItem(db, keys.submission(surveyId, submissionId));
      if (!item) return undefined;
      if (item.erasedAt) return { erased: true };
      return { hash: str(item, 'hash')!, receipt: JSON.parse(str(item, 'receipt')!) as Receipt };
    },

    async findInvitation(hash) {
      const invite = await readItem(db, keys.invite(hash));
      if (!invite) return undefined;
      const inviteeKey = str(invite, 'invitee')!;
      const invitee = await readItem(db, keys.invitee(inviteeKey));
      const region = str(invite, 'region');
      const invitation: Invitation = {
        tokenHash: hash,
        surveyId: str(invite, 'surveyId')!,
        invitee: inviteeKey,
        organisation: str(invite, 'organisation') ?? '',
        answered: invitee?.answeredAt !== undefined,
      };
      if (region) invitation.region = region;
      return invitation;
    },

    async saveResponse(response) {
      const items = transactionItems(db.tableName, response);
      try {
        await transact(() => db.client.send(new TransactWriteItemsCommand({ TransactItems: items.writes })));
        return 'stored';
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.failedAt(0)) return 'duplicate';
        if (items.inviteeIndex !== undefined && error.failedAt(items.inviteeIndex)) return 'already_answered';
        throw error;
      }
    },

    async getResponse(responseId) {
      const item = await readItem(db, keys.response(responseId));
      return item ? responseOf(item) : undefined;
    },

    async getPersonal(responseId) {
      const item = await readItem(db, keys.personal(responseId));
      const answers = str(item, 'answers');
      return answers ? (JSON.parse(answers) as Answers) : undefined;
    },
  };
}

export function responseOf(item: Item): StoredResponse {
  const response: StoredResponse = {
    responseId: str(item, 'responseId')!,
    submissionId: str(item, 'submissionId')!,
    surveyId: str(item, 'surveyId')!,
    surveyVersion: Number(item.surveyVersion?.N ?? 0),
    submittedAt: str(item, 'submittedAt')!,
    week: str(item, 'week')!,
    answers: JSON.parse(str(item, 'answers')!) as Answers,
  };
  const region = str(item, 'region');
  if (region) response.region = region;
  return response;
}

const notExists = `attribute_not_exists(${table.partitionKey})`;

/** The response item (answers without personal data), as the submit transaction writes it. */
export function responseItem(response: NewResponse): Item {
  const { survey, receipt } = response;
  const submittedAt = response.submittedAt.toISOString();
  const responseId = receipt.responseId;
  return {
    ...keys.response(responseId),
    responseId: S(responseId),
    submissionId: S(receipt.submissionId),
    surveyId: S(survey.id),
    surveyVersion: N(survey.version),
    submittedAt: S(submittedAt),
    week: S(response.week),
    answers: S(JSON.stringify(response.answers)),
    ...(response.region && { region: S(response.region) }),
    ...(response.centre && { centre: S(response.centre) }),
    ...(response.wave && { wave: S(response.wave) }),
    ...(response.imported && { imported: { BOOL: true } }),
    [table.index.partitionKey]: S(indexKeys.responses(survey.id)),
    [table.index.sortKey]: S(`${response.week}#${submittedAt}#${responseId}`),
  };
}

/** The item holding a response's personal answers, deleted by TTL after the retention date. */
export function personalItem(response: NewResponse, personal: Answers): Item {
  return {
    ...keys.personal(response.receipt.responseId),
    answers: S(JSON.stringify(personal)),
    [table.ttlAttribute]: N(response.expiresAt),
  };
}

function transactionItems(TableName: string, response: NewResponse) {
  const { survey, receipt } = response;
  const submittedAt = response.submittedAt.toISOString();
  const responseId = receipt.responseId;
  const writes: TransactWriteItem[] = [
    {
      Put: {
        TableName,
        Item: {
          ...keys.submission(survey.id, receipt.submissionId),
          hash: S(response.hash),
          receipt: S(JSON.stringify(receipt)),
          responseId: S(responseId),
          createdAt: S(submittedAt),
          // The idempotency history expires with the personal data it could otherwise confirm.
          [table.ttlAttribute]: N(response.expiresAt),
        },
        ConditionExpression: notExists,
      },
    },
    {
      Put: {
        TableName,
        Item: responseItem(response),
        ConditionExpression: notExists,
      },
    },
    counterUpdate(TableName, keys.week(survey.id, response.week), response.counters),
  ];
  if (response.region)
    writes.push(
      counterUpdate(TableName, keys.week(survey.id, response.week, response.region), response.counters),
    );
  if (response.personal) {
    writes.push({ Put: { TableName, Item: personalItem(response, response.personal) } });
    for (const hash of new Set(response.emailHashes)) {
      writes.push({
        Put: {
          TableName,
          Item: {
            ...key(`EMAIL#${hash}`, `RESP#${responseId}`),
            [table.ttlAttribute]: N(response.expiresAt),
          },
        },
      });
    }
  }
  let inviteeIndex: number | undefined;
  if (response.invitation) {
    inviteeIndex = writes.length;
    writes.push({
      Update: {
        TableName,
        Key: keys.invitee(response.invitation.invitee),
        UpdateExpression: 'SET answeredAt = :at, responseId = :id',
        ConditionExpression: `attribute_exists(${table.partitionKey}) AND attribute_not_exists(answeredAt)`,
        ExpressionAttributeValues: { ':at': S(submittedAt), ':id': S(responseId) },
      },
    });
    const region = response.invitation.region;
    writes.push(
      counterUpdate(TableName, keys.invites(survey.id), {
        answered: 1,
        ...(region && { [`answered@${region}`]: 1 }),
      }),
    );
  }
  if (survey.review) {
    const title = response.answers[survey.review.titleQuestion];
    writes.push({
      Put: {
        TableName,
        Item: {
          ...keys.application(responseId),
          responseId: S(responseId),
          surveyId: S(survey.id),
          title: S(typeof title === 'string' ? title : responseId),
          ...(response.region && { region: S(response.region) }),
          status: S('submitted'),
          submittedAt: S(submittedAt),
          statusSince: S(submittedAt),
          [table.index.partitionKey]: S(indexKeys.applications),
          [table.index.sortKey]: S(`${submittedAt}#${responseId}`),
        },
        ConditionExpression: notExists,
      },
    });
    writes.push(counterUpdate(TableName, keys.statuses(survey.id), { submitted: 1 }));
    // Imported answers are earlier evidence: nobody is waiting for a receipt.
    if (response.emailHashes.length > 0 && !response.imported) {
      writes.push({
        Put: {
          TableName,
          Item: {
            ...keys.outbox(`receipt#${responseId}`),
            kind: S('receipt'),
            responseId: S(responseId),
            createdAt: S(submittedAt),
            [table.index.partitionKey]: S(indexKeys.outbox),
            [table.index.sortKey]: S(`${submittedAt}#receipt#${responseId}`),
          },
        },
      });
    }
  }
  return { writes, inviteeIndex };
}

export function counterUpdate(
  TableName: string,
  itemKey: Item,
  counters: Record<string, number>,
): TransactWriteItem {
  const update = addCounters(counters);
  return {
    Update: {
      TableName,
      Key: itemKey,
      UpdateExpression: update.expression,
      ExpressionAttributeNames: update.names,
      ExpressionAttributeValues: update.values,
    },
  };
}
