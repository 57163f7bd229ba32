/**
 * Applications in DynamoDB: the `APP#<id>` / `APP` case item (written by the submit transaction),
 * its `HIST#<time>` history items, and decisions. A decision is ONE transaction — the case's new
 * status (conditional on the status it was read with), its history item, the status counters and
 * the decision email's outbox item — so the counters and the mail can never drift from the case.
 */
import {
  BatchGetItemCommand,
  QueryCommand,
  TransactWriteItemsCommand,
  type KeysAndAttributes,
} from '@aws-sdk/client-dynamodb';
import type { Centre } from '../../core/centres.ts';
import {
  isStatus,
  resubmissionsOf,
  transitionProblem,
  type Application,
  type Decision,
  type HistoryEntry,
  type Status,
} from '../../core/applications.ts';
import type { Survey, Text } from '../../core/definition.ts';
import { questionsOf } from '../../core/definition.ts';
import {
  call,
  ConditionFailedError,
  key,
  N,
  num,
  partitionItems,
  S,
  str,
  transact,
  readItem,
  type Db,
  type Item,
} from './client.ts';
import { linkWrite, registrationWrites } from './centres.ts';
import { counterUpdate, indexKeys, keys } from './responses.ts';
import { table } from './table.ts';

const HISTORY = 'HIST#';

export function applicationOf(item: Item): Application {
  const status = str(item, 'status');
  const application: Application = {
    responseId: str(item, 'responseId')!,
    surveyId: str(item, 'surveyId')!,
    title: str(item, 'title') ?? '',
    status: isStatus(status) ? status : 'submitted',
    submittedAt: str(item, 'submittedAt')!,
    statusSince: str(item, 'statusSince') ?? str(item, 'submittedAt')!,
    decisionCount: num(item, 'decisionCount') ?? 0,
  };
  const region = str(item, 'region');
  if (region) application.region = region;
  return application;
}

export type ListedApplication = Application & { previousResponseId?: string };

/** Every application, oldest first, each linked to the application it resubmits (if any). */
export async function listApplications(db: Db, survey: Survey): Promise<ListedApplication[]> {
  const items = await partitionItems(db, { partition: indexKeys.applications, index: true });
  const cases = items
    .map((item) => ({ item, application: applicationOf(item) }))
    .filter(({ application }) => application.surveyId === survey.id);
  const applications = cases.map(({ application }) => application);
  const organisations = await organisationsOf(db, survey, applications);
  const links = resubmissionsOf(
    cases.map(({ item, application }) => {
      const organisation = organisations.get(application.responseId);
      const changesRequestedAt = str(item, 'changesRequestedAt');
      return {
        ...application,
        ...(organisation && { organisation }),
        ...(changesRequestedAt && { changesRequestedAt }),
      };
    }),
  );
  return applications.map((application) => {
    const previous = links.get(application.responseId);
    return previous ? { ...application, previousResponseId: previous } : application;
  });
}

/** The organisation number of each application (not personal data: it names the organisation). */
async function organisationsOf(
  db: Db,
  survey: Survey,
  applications: Application[],
): Promise<Map<string, string>> {
  const question = questionsOf(survey).find((candidate) => candidate.type === 'orgNumber');
  const found = new Map<string, string>();
  if (!question) return found;
  for (let index = 0; index < applications.length; index += 100) {
    let request: Record<string, KeysAndAttributes> | undefined = {
      [db.tableName]: {
        Keys: applications
          .slice(index, index + 100)
          .map((application) => keys.response(application.responseId)),
        ProjectionExpression: 'responseId, answers',
      },
    };
    while (request && Object.keys(request).length > 0) {
      const batch = await call(() => db.client.send(new BatchGetItemCommand({ RequestItems: request })));
      for (const item of batch.Responses?.[db.tableName] ?? []) {
        const answers = JSON.parse(str(item, 'answers') ?? '{}') as Record<string, unknown>;
        const value = answers[question.id];
        if (typeof value === 'string') found.set(str(item, 'responseId')!, value);
      }
      request = batch.UnprocessedKeys;
    }
  }
  return found;
}

export async function getApplication(db: Db, responseId: string): Promise<Application | undefined> {
  const item = await readItem(db, keys.application(responseId));
  return item ? applicationOf(item) : undefined;
}

function historyOf(item: Item): HistoryEntry {
  const entry: HistoryEntry = {
    at: str(item, 'at')!,
    by: str(item, 'by') ?? '',
    from: str(item, 'from') as Status,
    to: str(item, 'to') as Decision,
    note: str(item, 'note') ?? '',
  };
  const criteria = item.criteria?.M;
  if (criteria)
    entry.criteria = Object.fromEntries(Object.entries(criteria).map(([id, value]) => [id, Number(value.N)]));
  const hours = num(item, 'hours');
  if (hours !== undefined) entry.hours = hours;
  const centre = str(item, 'centre');
  if (centre) entry.centre = centre;
  return entry;
}

/** An application's history, oldest first. */
export async function getHistory(db: Db, responseId: string): Promise<HistoryEntry[]> {
  const { Items: items = [] } = await call(() =>
    db.client.send(
      new QueryCommand({
        TableName: db.tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :history)',
        ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey },
        ExpressionAttributeValues: { ':pk': S(`APP#${responseId}`), ':history': S(HISTORY) },
        ConsistentRead: true,
      }),
    ),
  );
  return items.map(historyOf);
}

/** One history item, as a decision email names it. */
export async function getHistoryEntry(
  db: Db,
  responseId: string,
  historyKey: string,
): Promise<HistoryEntry | undefined> {
  const item = await readItem(db, key(`APP#${responseId}`, historyKey));
  return item ? historyOf(item) : undefined;
}

export type DecisionRequest = {
  responseId: string;
  decision: Decision;
  note: string;
  by: string;
  now: Date;
  criteria?: HistoryEntry['criteria'];
  hours?: number;
  /** An approval's centre: registered with the decision, or an existing one linked to it. */
  centre?: { register: Centre } | { link: string };
};

export type DecisionOutcome =
  | { outcome: 'recorded'; application: Application; entry: HistoryEntry; outboxId: string }
  | { outcome: 'not_found' }
  | { outcome: 'invalid'; from: Status; message: Text }
  /** Someone else decided between our read and our write; nothing was written. */
  | { outcome: 'conflict' }
  /** The centre to register exists, or the one to link is missing or linked elsewhere; nothing written. */
  | { outcome: 'centre_conflict' };

/**
 * Records a review step. The status is read, the transition checked, then written on the
 * condition that status and decision count are still what was read (optimistic concurrency).
 */
export async function recordDecision(db: Db, request: DecisionRequest): Promise<DecisionOutcome> {
  const current = await getApplication(db, request.responseId);
  if (!current) return { outcome: 'not_found' };
  const problem = transitionProblem(current.status, request.decision);
  if (problem) return { outcome: 'invalid', from: current.status, message: problem };

  const at = request.now.toISOString();
  const count = current.decisionCount + 1;
  const historyKey = `${HISTORY}${at}`;
  const outboxId = `decision#${request.responseId}#${count}`;
  const TableName = db.tableName;
  const centreSlug = request.centre
    ? 'register' in request.centre
      ? request.centre.register.slug
      : request.centre.link
    : undefined;
  const entry: HistoryEntry = {
    at,
    by: request.by,
    from: current.status,
    to: request.decision,
    note: request.note,
    ...(request.criteria && { criteria: request.criteria }),
    ...(request.hours !== undefined && { hours: request.hours }),
    ...(centreSlug && { centre: centreSlug }),
  };
  // Written after the four decision writes, so a failed condition there is the centre's.
  const centreWrites = !request.centre
    ? []
    : 'register' in request.centre
      ? registrationWrites(TableName, { ...request.centre.register, applicationId: request.responseId })
      : [linkWrite(TableName, request.centre.link, request.responseId)];
  try {
    await transact(() =>
      db.client.send(
        new TransactWriteItemsCommand({
          TransactItems: [
            {
              Update: {
                TableName,
                Key: keys.application(request.responseId),
                UpdateExpression:
                  'SET #status = :to, statusSince = :at, decisionCount = :count' +
                  (request.decision === 'changes-requested'
                    ? ', changesRequestedAt = if_not_exists(changesRequestedAt, :at)'
                    : '') +
                  (centreSlug ? ', centre = :centre' : ''),
                ConditionExpression:
                  '#status = :from AND (attribute_not_exists(decisionCount) OR decisionCount = :previous)',
                ExpressionAttributeNames: { '#status': 'status' },
                ExpressionAttributeValues: {
                  ':to': S(request.decision),
                  ':from': S(current.status),
                  ':at': S(at),
                  ':count': N(count),
                  ':previous': N(current.decisionCount),
                  ...(centreSlug && { ':centre': S(centreSlug) }),
                },
              },
            },
            {
              Put: {
                TableName,
                Item: {
                  ...key(`APP#${request.responseId}`, historyKey),
                  at: S(at),
                  by: S(entry.by),
                  from: S(entry.from),
                  to: S(entry.to),
                  note: S(entry.note),
                  ...(entry.criteria && {
                    criteria: {
                      M: Object.fromEntries(
                        Object.entries(entry.criteria).map(([id, value]) => [id, N(value)]),
                      ),
                    },
                  }),
                  ...(entry.hours !== undefined && { hours: N(entry.hours) }),
                  ...(centreSlug && { centre: S(centreSlug) }),
                },
                ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
              },
            },
            counterUpdate(TableName, keys.statuses(current.surveyId), {
              [current.status]: -1,
              [request.decision]: 1,
            }),
            {
              Put: {
                TableName,
                Item: {
                  ...keys.outbox(outboxId),
                  kind: S('decision'),
                  responseId: S(request.responseId),
                  historyKey: S(historyKey),
                  createdAt: S(at),
                  [table.index.partitionKey]: S(indexKeys.outbox),
                  [table.index.sortKey]: S(`${at}#${outboxId}`),
                },
                ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
              },
            },
            ...centreWrites,
          ],
        }),
      ),
    );
  } catch (error) {
    if (error instanceof ConditionFailedError)
      return error.failedAt(4) ? { outcome: 'centre_conflict' } : { outcome: 'conflict' };
    throw error;
  }
  return {
    outcome: 'recorded',
    application: { ...current, status: request.decision, statusSince: at, decisionCount: count },
    entry,
    outboxId,
  };
}
