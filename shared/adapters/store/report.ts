/**
 * Reads what the evaluation report is computed from: the registered centres, the answers to the
 * value surveys in the period (their index partition, by week, page by page), every invitation
 * of the invite surveys, and the applications with the committee's decisions. The report is a
 * CLI job over a small pilot; it reads answers, not the digest's counters, because it needs each
 * answer's centre, wave and date.
 */
import { weekOfDate } from '../../core/calendar.ts';
import type {
  ReportApplication,
  ReportCentre,
  ReportInvitation,
  ReportResponse,
  ReportSource,
} from '../../core/report/source.ts';
import type { Survey } from '../../core/definition.ts';
import { queryAll, queryPages, scanPages, type Db, type Item } from './client.ts';
import { indexKeys, partitions, sortPrefixes } from './keys.ts';
import { responseOf } from './responses.ts';

const text = (item: Item | undefined, name: string) =>
  typeof item?.[name] === 'string' ? (item[name] as string) : undefined;
const number = (item: Item | undefined, name: string) =>
  typeof item?.[name] === 'number' ? (item[name] as number) : undefined;

/**
 * Every registered centre (`CENTRE#<slug>` / `CENTRE`). A scan, until the centre store lists
 * centres through its own index; the table holds tens of centres among its items.
 */
export async function readCentres(db: Db): Promise<ReportCentre[]> {
  const centres: ReportCentre[] = [];
  const pages = scanPages(db, {
    FilterExpression: '#sk = :centre AND begins_with(#pk, :prefix)',
    ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
    ExpressionAttributeValues: { ':centre': 'CENTRE', ':prefix': 'CENTRE#' },
  });
  for await (const items of pages) {
    for (const item of items) {
      const slug = text(item, 'slug') ?? String(item.pk).slice('CENTRE#'.length);
      const applicationId = text(item, 'applicationId');
      centres.push({
        slug,
        name: text(item, 'name') ?? slug,
        region: text(item, 'region') ?? '',
        approvedOn: text(item, 'approvedOn') ?? '',
        ...(applicationId && { applicationId }),
      });
    }
  }
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
    const pages = queryPages(db, { partition: indexKeys.responses(survey.id), index: true, between });
    for await (const items of pages) {
      for (const item of items) {
        const { responseId, submittedAt, region, answers } = responseOf(item);
        const centre = text(item, 'centre');
        const wave = text(item, 'wave');
        responses.push({
          surveyId: survey.id,
          responseId,
          submittedAt,
          answers,
          ...(region && { region }),
          ...(centre && { centre }),
          ...(wave && { wave }),
          ...(item.imported === true && { imported: true }),
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
    const items = await queryAll(db, { partition: indexKeys.invitees(survey.id), index: true });
    for (const item of items) {
      const invitation: ReportInvitation = { surveyId: survey.id, invitedAt: text(item, 'invitedAt')! };
      for (const name of ['centre', 'region', 'wave', 'answeredAt'] as const) {
        const value = text(item, name);
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
  const cases = await queryAll(db, { partition: indexKeys.applications, index: true });
  return Promise.all(
    cases.map(async (item) => {
      const responseId = text(item, 'responseId')!;
      const history = await queryAll(db, {
        partition: partitions.application(responseId),
        beginsWith: sortPrefixes.history,
      });
      const judged = [...history]
        .reverse()
        .find((entry) => criteriaOf(entry) || number(entry, 'hours') !== undefined);
      const status = text(item, 'status') ?? 'submitted';
      const statusSince = text(item, 'statusSince');
      const centre = text(item, 'centre');
      const criteria = criteriaOf(judged ?? item);
      const reviewHours = number(judged ?? item, 'hours');
      return {
        responseId,
        submittedAt: text(item, 'submittedAt')!,
        status,
        ...(FINAL.has(status) && statusSince && { decidedAt: statusSince }),
        ...(centre && { centre }),
        ...(criteria && { criteria }),
        ...(reviewHours !== undefined && { reviewHours }),
      };
    }),
  );
}

/** The committee's judgement per criterion, kept as a map of numbers (or, older, as JSON text). */
function criteriaOf(item: Item): Record<string, number> | undefined {
  const criteria = item.criteria;
  if (typeof criteria === 'string') return JSON.parse(criteria) as Record<string, number>;
  if (criteria && typeof criteria === 'object') return criteria as Record<string, number>;
  return undefined;
}
