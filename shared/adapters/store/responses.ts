/**
 * Responses in DynamoDB. One transaction stores a response with everything that must move with
 * it — idempotency record, counters, the invite's answered mark, the application case and the
 * receipt's outbox item — so a retry never stores twice and a failure never half-writes.
 */
import type { Invitation, NewResponse, Receipt, SubmissionStore } from '../../core/submit.ts';
import type { Answers } from '../../core/validation.ts';
import {
  addCountersWrite,
  ConditionFailedError,
  getItem,
  writeTransaction,
  type Db,
  type Item,
  type TransactionWrite,
} from './client.ts';
import { waveOf } from '../../core/calendar.ts';
import { indexKeys, keys } from './keys.ts';
import { table } from './table.ts';

/**
 * The wave of an invitee item: stored since waves exist; before that, the wave of the day the
 * person was invited (such items keep their key without a wave).
 */
export function waveOfInvitee(item: Item | undefined): string | undefined {
  if (typeof item?.wave === 'string') return item.wave;
  return typeof item?.invitedAt === 'string' ? waveOf(new Date(item.invitedAt)) : undefined;
}

export type StoredResponse = {
  responseId: string;
  submissionId: string;
  surveyId: string;
  surveyVersion: number;
  submittedAt: string;
  week: string;
  region?: string;
  /** The centre's slug; absent for answers "utan centrum". */
  centre?: string;
  /** Absent only on responses stored before waves: read them as the wave of `submittedAt`. */
  wave?: string;
  answers: Answers;
};

export function createResponseStore(db: Db): SubmissionStore & {
  getResponse(responseId: string): Promise<StoredResponse | undefined>;
  getPersonal(responseId: string): Promise<Answers | undefined>;
} {
  return {
    async findSubmission(surveyId, submissionId) {
      const item = await getItem(db, keys.submission(surveyId, submissionId));
      if (!item) return undefined;
      if (item.erasedAt) return { erased: true };
      return { hash: item.hash as string, receipt: JSON.parse(item.receipt as string) as Receipt };
    },

    async findInvitation(hash) {
      const invite = await getItem(db, keys.invite(hash));
      if (!invite) return undefined;
      const inviteeKey = invite.invitee as string;
      const invitee = await getItem(db, keys.invitee(inviteeKey));
      const region = invite.region as string | undefined;
      const invitation: Invitation = {
        tokenHash: hash,
        surveyId: invite.surveyId as string,
        invitee: inviteeKey,
        organisation: (invite.organisation as string | undefined) ?? '',
        wave:
          waveOfInvitee(invitee) ?? waveOf(new Date((invite.createdAt as string | undefined) ?? Date.now())),
        answered: invitee?.answeredAt !== undefined,
      };
      if (region) invitation.region = region;
      if (typeof invite.centre === 'string') invitation.centre = invite.centre;
      if (typeof invite.centreName === 'string') invitation.centreName = invite.centreName;
      return invitation;
    },

    async saveResponse(response) {
      const items = transactionItems(db.tableName, response);
      try {
        await writeTransaction(db, items.writes);
        return 'stored';
      } catch (error) {
        if (!(error instanceof ConditionFailedError)) throw error;
        if (error.failedAt(0)) return 'duplicate';
        if (items.inviteeIndex !== undefined && error.failedAt(items.inviteeIndex)) return 'already_answered';
        throw error;
      }
    },

    async getResponse(responseId) {
      const item = await getItem(db, keys.response(responseId));
      return item ? responseOf(item) : undefined;
    },

    async getPersonal(responseId) {
      const item = await getItem(db, keys.personal(responseId));
      return typeof item?.answers === 'string' ? (JSON.parse(item.answers) as Answers) : undefined;
    },
  };
}

export function responseOf(item: Item): StoredResponse {
  const response: StoredResponse = {
    responseId: item.responseId as string,
    submissionId: item.submissionId as string,
    surveyId: item.surveyId as string,
    surveyVersion: (item.surveyVersion as number | undefined) ?? 0,
    submittedAt: item.submittedAt as string,
    week: item.week as string,
    answers: JSON.parse(item.answers as string) as Answers,
  };
  const region = item.region as string | undefined;
  if (region) response.region = region;
  if (typeof item.centre === 'string') response.centre = item.centre;
  if (typeof item.wave === 'string') response.wave = item.wave;
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
    responseId,
    submissionId: receipt.submissionId,
    surveyId: survey.id,
    surveyVersion: survey.version,
    submittedAt,
    week: response.week,
    answers: JSON.stringify(response.answers),
    ...(response.region && { region: response.region }),
    ...(response.centre && { centre: response.centre }),
    ...(response.wave && { wave: response.wave }),
    ...(response.imported && { imported: true }),
    [table.index.partitionKey]: indexKeys.responses(survey.id),
    [table.index.sortKey]: `${response.week}#${submittedAt}#${responseId}`,
  };
}

/** The item holding a response's personal answers, deleted by TTL after the retention date. */
export function personalItem(response: NewResponse, personal: Answers): Item {
  return {
    ...keys.personal(response.receipt.responseId),
    answers: JSON.stringify(personal),
    [table.ttlAttribute]: response.expiresAt,
  };
}

function transactionItems(TableName: string, response: NewResponse) {
  const { survey, receipt } = response;
  const submittedAt = response.submittedAt.toISOString();
  const responseId = receipt.responseId;
  const writes: TransactionWrite[] = [
    {
      Put: {
        TableName,
        Item: {
          ...keys.submission(survey.id, receipt.submissionId),
          hash: response.hash,
          receipt: JSON.stringify(receipt),
          responseId,
          createdAt: submittedAt,
          // The idempotency history expires with the personal data it could otherwise confirm.
          [table.ttlAttribute]: response.expiresAt,
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
    addCountersWrite(TableName, keys.week(survey.id, response.week), response.counters),
  ];
  if (response.region)
    writes.push(
      addCountersWrite(TableName, keys.week(survey.id, response.week, response.region), response.counters),
    );
  if (response.personal) {
    writes.push({ Put: { TableName, Item: personalItem(response, response.personal) } });
    for (const hash of new Set(response.emailHashes)) {
      writes.push({
        Put: {
          TableName,
          Item: {
            ...keys.emailLookup(hash, keys.response(responseId).pk),
            [table.ttlAttribute]: response.expiresAt,
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
        ExpressionAttributeValues: { ':at': submittedAt, ':id': responseId },
      },
    });
    const region = response.invitation.region;
    writes.push(
      addCountersWrite(TableName, keys.invites(survey.id), {
        answered: 1,
        ...(region && { [`answered@${region}`]: 1 }),
      }),
    );
  }
  if (response.centre)
    writes.push(
      addCountersWrite(TableName, keys.centreCounters(survey.id, response.centre), {
        responses: 1,
        ...(response.invitation && { answered: 1 }),
      }),
    );
  if (survey.review) {
    const title = response.answers[survey.review.titleQuestion];
    writes.push({
      Put: {
        TableName,
        Item: {
          ...keys.application(responseId),
          responseId,
          surveyId: survey.id,
          title: typeof title === 'string' ? title : responseId,
          ...(response.region && { region: response.region }),
          status: 'submitted',
          submittedAt,
          statusSince: submittedAt,
          [table.index.partitionKey]: indexKeys.applications,
          [table.index.sortKey]: `${submittedAt}#${responseId}`,
        },
        ConditionExpression: notExists,
      },
    });
    writes.push(addCountersWrite(TableName, keys.statuses(survey.id), { submitted: 1 }));
    // Imported answers are earlier evidence: nobody is waiting for a receipt.
    if (response.emailHashes.length > 0 && !response.imported) {
      writes.push({
        Put: {
          TableName,
          Item: {
            ...keys.outbox(`receipt#${responseId}`),
            kind: 'receipt',
            responseId,
            createdAt: submittedAt,
            [table.index.partitionKey]: indexKeys.outbox,
            [table.index.sortKey]: `${submittedAt}#receipt#${responseId}`,
          },
        },
      });
    }
  }
  return { writes, inviteeIndex };
}
