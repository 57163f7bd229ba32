/**
 * Reads what the evaluation report is computed from: the registered centres, the answers to the
 * value surveys in the period (their index partition, by week, page by page), every invitation
 * of the invite surveys, and the applications with the committee's decisions. The report is a
 * CLI job over a small pilot; it reads answers, not the digest's counters, because it needs each
 * answer's centre, wave and date.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { weekOfDate } from '../../core/calendar.ts';
import type {
  ReportApplication,
  ReportCentre,
  ReportInvitation,
  ReportResponse,
  ReportSource,
} from '../../core/report/source.ts';
import type { Survey } from '../../core/definition.ts';
import { call, num, partitionItems, partitionPages, str, type Db, type Item } from './client.ts';
import { inviteesIndex } from './invites.ts';
import { indexKeys, responseOf } from './responses.ts';
import { table } from './table.ts';

/**
 * Every registered centre (`CENTRE#<slug>` / `CENTRE`). A scan, until the centre store lists
 * centres through its own index; the table holds tens of centres among its items.
 */
export async function readCentres(db: Db): Promise<ReportCentre[]> {
  const centres: ReportCentre[] = [];
  let start: Item | undefined;
  do {
    const page = await call(() =>
      db.client.send(
        new ScanCommand({
          TableName: db.tableName,
          FilterExpression: '#sk = :centre AND begins_with(#pk, :prefix)',
          ExpressionAttributeNames: { '#pk': table.partitionKey, '#sk': table.sortKey },
          ExpressionAttributeValues: { ':centre': { S: 'CENTRE' }, ':prefix': { S: 'CENTRE#' } },
          ...(start && { ExclusiveStartKey: start }),
        }),
      ),
    );
    for (const item of page.Items ?? []) {
      const slug = str(item, 'slug') ?? str(item, table.partitionKey)!.slice('CENTRE#'.length);
      const applicationId = str(item, 'applicationId');
      centres.push({
        slug,
        name: str(item, 'name') ?? slug,
        region: str(item, 'region') ?? '',
        approvedOn: str(item, 'approvedOn') ?? '',
        ...(applicationId && { applicationId }),
      });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return centres.sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export async function readReportSource(
  db: Db,
  frame: Omit<ReportSource, 'centres' | 'responses' | 'invitations' | 'applications'>,
): Promise<ReportSource> {
  const [centres, responses, invitations, applications] = await Promise.all([
    readCentres(db),
    readResponses(db, frame.surveys, frame.period),
    readInvitations(db, frame.surveys),
    readApplications(db),
  ]);
  return { ...frame, centres, responses, invitations, applications };
}

async function readResponses(
  db: Db,
  surveys: readonly Survey[],
  period: { from: string; to: string },
): Promise<ReportResponse[]> {
  const responses: ReportResponse[] = [];
  // The index sorts a survey's answers by week: read only the period's weeks.
  const between: [string, string] = [weekOfDate(period.from), `${weekOfDate(period.to)}#\uffff`];
  for (const survey of surveys.filter((candidate) => !candidate.review)) {
    const pages = partitionPages(db, { partition: indexKeys.responses(survey.id), index: true, between });
    for await (const items of pages) {
      for (const item of items) {
        const { responseId, submittedAt, region, answers } = responseOf(item);
        const centre = str(item, 'centre');
        const wave = str(item, 'wave');
        responses.push({
          surveyId: survey.id,
          responseId,
          submittedAt,
          answers,
          ...(region && { region }),
          ...(centre && { centre }),
          ...(wave && { wave }),
          ...(item.imported?.BOOL && { imported: true }),
        });
      }
    }
  }
  return responses;
}

/** Invitations without the person: survey, centre, region, wave and the two dates. */
async function readInvitations(db: Db, surveys: readonly Survey[]): Promise<ReportInvitation[]> {
  const invitations: ReportInvitation[] = [];
  for (const survey of surveys.filter((candidate) => candidate.access === 'invite')) {
    const items = await partitionItems(db, { partition: inviteesIndex(survey.id), index: true });
    for (const item of items) {
      const invitation: ReportInvitation = { surveyId: survey.id, invitedAt: str(item, 'invitedAt')! };
      for (const name of ['centre', 'region', 'wave', 'answeredAt'] as const) {
        const value = str(item, name);
        if (value) invitation[name] = value;
      }
      invitations.push(invitation);
    }
  }
  return invitations;
}

const FINAL = new Set(['approved', 'rejected']);

/**
 * Applications, each with the committee's judgement and hours from its latest decision that
 * recorded them (a history item of the case's partition; older cases may carry them on the case).
 */
async function readApplications(db: Db): Promise<ReportApplication[]> {
  const cases = await partitionItems(db, { partition: indexKeys.applications, index: true });
  return Promise.all(
    cases.map(async (item) => {
      const responseId = str(item, 'responseId')!;
      const history = (await partitionItems(db, { partition: `APP#${responseId}` })).filter((entry) =>
        str(entry, table.sortKey)?.startsWith('HIST#'),
      );
      const judged = [...history]
        .reverse()
        .find((entry) => criteriaOf(entry) || num(entry, 'hours') !== undefined);
      const status = str(item, 'status') ?? 'submitted';
      const statusSince = str(item, 'statusSince');
      const centre = str(item, 'centre');
      const criteria = criteriaOf(judged ?? item);
      const reviewHours = num(judged ?? item, 'hours');
      return {
        responseId,
        submittedAt: str(item, 'submittedAt')!,
        status,
        ...(FINAL.has(status) && statusSince && { decidedAt: statusSince }),
        ...(centre && { centre }),
        ...(criteria && { criteria }),
        ...(reviewHours !== undefined && { reviewHours }),
      };
    }),
  );
}

/** The committee's judgement per criterion, kept as a map of numbers or as JSON text. */
function criteriaOf(item: Item): Record<string, number> | undefined {
  const attribute = item.criteria;
  if (attribute?.S) return JSON.parse(attribute.S) as Record<string, number>;
  if (attribute?.M)
    return Object.fromEntries(Object.entries(attribute.M).map(([id, value]) => [id, Number(value.N)]));
  return undefined;
}
