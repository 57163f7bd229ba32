/**
 * Applications in DynamoDB: the `APP#<id>` / `APP` case item (written by the submit transaction),
 * its `HIST#<time>` history items, and decisions. A decision is ONE transaction — the case's new
 * status (conditional on the status it was read with), its history item, the status counters and
 * the decision email's outbox item — so the counters and the mail can never drift from the case.
 */
import type { Centre } from '../../core/centres.ts';
import { linkWrite, registrationWrites } from './centres.ts';
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
import { modelOf } from '../../core/questions/index.ts';
import {
  addCountersWrite,
  batchGetPages,
  ConditionFailedError,
  getItem,
  queryAll,
  writeTransaction,
  type Db,
  type Item,
} from './client.ts';
import { historyKey as historyKeyAt, indexKeys, keys, partitions, sortPrefixes } from './keys.ts';
import { table } from './table.ts';

function applicationOf(item: Item): Application {
  const status = item.status as string | undefined;
  const application: Application = {
    responseId: item.responseId as string,
    surveyId: item.surveyId as string,
    title: (item.title as string | undefined) ?? '',
    status: isStatus(status) ? status : 'submitted',
    submittedAt: item.submittedAt as string,
    statusSince: (item.statusSince as string | undefined) ?? (item.submittedAt as string),
    decisionCount: (item.decisionCount as number | undefined) ?? 0,
  };
  const region = item.region as string | undefined;
  if (region) application.region = region;
  return application;
}

export type ListedApplication = Application & { previousResponseId?: string };

/** Every application, oldest first, each linked to the application it resubmits (if any). */
export async function listApplications(db: Db, survey: Survey): Promise<ListedApplication[]> {
  const items = await queryAll(db, { partition: indexKeys.applications, index: true });
  const cases = items
    .map((item) => ({ item, application: applicationOf(item) }))
    .filter(({ application }) => application.surveyId === survey.id);
  const applications = cases.map(({ application }) => application);
  const organisations = await organisationsOf(db, survey, applications);
  const links = resubmissionsOf(
    cases.map(({ item, application }) => {
      const organisation = organisations.get(application.responseId);
      const changesRequestedAt = item.changesRequestedAt as string | undefined;
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
  const question = questionsOf(survey).find((candidate) => modelOf(candidate).identifiesOrganisation);
  const found = new Map<string, string>();
  if (!question) return found;
  const pages = batchGetPages(
    db,
    applications.map((application) => keys.response(application.responseId)),
    { projection: 'responseId, answers' },
  );
  for await (const items of pages) {
    for (const item of items) {
      const answers = JSON.parse((item.answers as string | undefined) ?? '{}') as Record<string, unknown>;
      const value = answers[question.id];
      if (typeof value === 'string') found.set(item.responseId as string, value);
    }
  }
  return found;
}

export async function getApplication(db: Db, responseId: string): Promise<Application | undefined> {
  const item = await getItem(db, keys.application(responseId));
  return item ? applicationOf(item) : undefined;
}

function historyOf(item: Item): HistoryEntry {
  const entry: HistoryEntry = {
    at: item.at as string,
    by: (item.by as string | undefined) ?? '',
    from: item.from as Status,
    to: item.to as Decision,
    note: (item.note as string | undefined) ?? '',
  };
  if (item.criteria && typeof item.criteria === 'object')
    entry.criteria = { ...(item.criteria as Record<string, number>) };
  if (typeof item.hours === 'number') entry.hours = item.hours;
  if (typeof item.centre === 'string') entry.centre = item.centre;
  return entry;
}

/** An application's history, oldest first. */
export async function getHistory(db: Db, responseId: string): Promise<HistoryEntry[]> {
  const items = await queryAll(db, {
    partition: partitions.application(responseId),
    beginsWith: sortPrefixes.history,
    consistent: true,
  });
  return items.map(historyOf);
}

/** One history item, as a decision email names it. */
export async function getHistoryEntry(
  db: Db,
  responseId: string,
  historyKey: string,
): Promise<HistoryEntry | undefined> {
  const item = await getItem(db, keys.history(responseId, historyKey));
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
  const historyKey = historyKeyAt(at);
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
  // Written after the four decision writes, so a failed condition at index 4 is the centre's.
  const centreWrites = !request.centre
    ? []
    : 'register' in request.centre
      ? registrationWrites(TableName, { ...request.centre.register, applicationId: request.responseId })
      : [linkWrite(TableName, request.centre.link, request.responseId)];
  try {
    await writeTransaction(db, [
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
            ':to': request.decision,
            ':from': current.status,
            ':at': at,
            ':count': count,
            ':previous': current.decisionCount,
            ...(centreSlug && { ':centre': centreSlug }),
          },
        },
      },
      {
        Put: {
          TableName,
          Item: { ...keys.history(request.responseId, historyKey), ...entry },
          ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
        },
      },
      addCountersWrite(TableName, keys.statuses(current.surveyId), {
        [current.status]: -1,
        [request.decision]: 1,
      }),
      {
        Put: {
          TableName,
          Item: {
            ...keys.outbox(outboxId),
            kind: 'decision',
            responseId: request.responseId,
            historyKey: historyKey,
            createdAt: at,
            [table.index.partitionKey]: indexKeys.outbox,
            [table.index.sortKey]: `${at}#${outboxId}`,
          },
          ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
        },
      },
      ...centreWrites,
    ]);
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
