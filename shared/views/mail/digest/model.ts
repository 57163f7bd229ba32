/** What the digest's sections say, as plain data that the HTML and the text part both render. */
import type { Stats } from '../../../core/aggregate.ts';
import type { Question, Survey } from '../../../core/definition.ts';
import { questionsOf } from '../../../core/definition.ts';
import { questionModels } from '../../../core/questions/index.ts';
import type { Comment } from '../../../core/digest-run.ts';
import { COMMENTS_PER_SURVEY } from '../../../core/digest-run.ts';
import {
  awaitingReview,
  type CentreFigures,
  type Digest,
  type QuestionFigures,
  type RegionFigures,
  type SurveyDigest,
} from '../../../core/digest.ts';
import { compareRegionValues, regionLabel } from '../../../../surveys/regions.ts';
import { viewOf } from '../../questions/index.ts';
import type { Figure } from '../../components/mail.ts';
import { COMMENT_LENGTH, format, shortNames, type EmailContext } from './format.ts';

export function surveyName(surveys: readonly Survey[], id: string): string {
  return shortNames[id] ?? surveys.find((survey) => survey.id === id)?.title.sv ?? id;
}

export function newAnswers(digest: Digest) {
  const sum = (pick: (survey: SurveyDigest) => number) =>
    digest.surveys.reduce((total, survey) => total + pick(survey), 0);
  return {
    period: sum((survey) => survey.responses.period),
    previous: sum((survey) => survey.responses.previous),
    total: sum((survey) => survey.responses.total),
  };
}

function npsQuestion(survey: SurveyDigest): QuestionFigures | undefined {
  return survey.questions.find((question) => questionModels[question.type].valueMeasure?.kind === 'nps');
}

function changeText(change: number | undefined): string | undefined {
  return change === undefined ? undefined : `${format.change(change)} mot förra veckan`;
}

export function headline(digest: Digest, context: EmailContext): Figure[] {
  const answers = newAnswers(digest);
  const figures: Figure[] = [
    {
      label: 'Nya svar denna vecka',
      value: format.count(answers.period),
      note: `förra veckan ${format.count(answers.previous)}, hittills ${format.count(answers.total)}`,
    },
  ];
  for (const survey of digest.surveys) {
    const name = surveyName(context.surveys, survey.id);
    if (survey.responseRate !== null)
      figures.push({
        label: `Svarsfrekvens, ${name}`,
        value: format.percent(survey.responseRate),
        note: `${format.count(survey.invited)} inbjudna`,
      });
    const nps = npsQuestion(survey);
    if (nps && nps.total.n > 0) {
      const week =
        nps.period.nps !== undefined
          ? `denna vecka ${format.nps(nps.period.nps)} (${format.count(nps.period.n)} svar)`
          : 'inga svar denna vecka';
      const change = changeText(nps.change?.nps);
      figures.push({
        label: `NPS, ${name}`,
        value: format.nps(nps.total.nps ?? 0),
        note: [`hittills, ${format.count(nps.total.n)} svar`, week, change].filter(Boolean).join('; '),
      });
    }
  }
  figures.push({
    label: 'Ansökningar som väntar på granskning',
    value: format.count(awaitingReview(digest)),
    note: `totalt ${format.count(Object.values(digest.applications.byStatus).reduce((a, b) => a + b, 0))} ansökningar i piloten`,
  });
  figures.push({
    label: 'Dagar kvar av piloten',
    value: format.count(digest.pilot.daysLeft),
    note: `piloten slutar ${digest.pilot.end}`,
  });
  return figures;
}

/** Questions the digest charts; free text, dates, groups and personal data only count answers. */
function charted(survey: Survey, question: Question): boolean {
  if (question.id === survey.regionQuestion) return false; // shown in the region roll-up
  return viewOf(question).chart !== null;
}

export type Bar = { label: string; count: number; share: number; week: number; value?: string };

export type Chart =
  | { kind: 'bars'; bars: Bar[] }
  | { kind: 'means'; rows: { label: string; mean: number | undefined; n: number; max: number }[] }
  | { kind: 'nps'; promoters: number; passives: number; detractors: number; n: number };

type QuestionView = { label: string; summary: string; week: string; chart?: Chart };

function statsLine(stats: Stats, withMean: boolean): string {
  if (stats.n === 0) return 'inga svar';
  const parts = [`${format.count(stats.n)} svar`];
  if (withMean && stats.mean !== undefined) parts.push(`medel ${format.mean(stats.mean)}`);
  if (stats.nps !== undefined) parts.push(`NPS ${format.nps(stats.nps)}`);
  return parts.join(', ');
}

function questionView(question: Question, figures: QuestionFigures): QuestionView {
  const withMean = figures.total.mean !== undefined;
  const summary = `Hittills: ${statsLine(figures.total, withMean)}.`;
  const change =
    // The model gives a change only where both weeks have enough answers for it to mean something.
    figures.change?.nps !== undefined
      ? `NPS ${format.change(figures.change.nps)}`
      : figures.change?.mean !== undefined
        ? `medel ${format.change(figures.change.mean)}`
        : undefined;
  const week =
    `Denna vecka: ${statsLine(figures.period, withMean)} (förra veckan: ${statsLine(figures.previous, withMean)}).` +
    (change ? ` Förändring: ${change}.` : '');
  const view: QuestionView = { label: question.label.sv, summary, week };
  const total = figures.total;
  if (total.n === 0) return view;
  const chart = viewOf(question).chart?.(question, figures);
  if (chart) view.chart = chart;
  return view;
}

export type SurveyView = {
  id: string;
  name: string;
  title: string;
  figures: Figure[];
  questions: QuestionView[];
  comments: { text: string; question: string; date: string }[];
  empty: boolean;
};

/** Shortens at a word boundary and folds whitespace, so a comment stays a line or three. */
export function shorten(text: string, length = COMMENT_LENGTH): string {
  const folded = text.replace(/\s+/g, ' ').trim();
  if (folded.length <= length) return folded;
  const cut = folded.slice(0, length - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > length * 0.6 ? cut.slice(0, space) : cut).replace(/[\s.,;:–-]+$/, '')}…`;
}

export function surveyView(survey: Survey, figures: SurveyDigest, comments: Comment[]): SurveyView {
  const byId = new Map(figures.questions.map((question) => [question.id, question]));
  const rows: Figure[] = [
    {
      label: 'Svar denna vecka',
      value: format.count(figures.responses.period),
      note: `förra veckan ${format.count(figures.responses.previous)}${figures.responses.change === undefined ? '' : ` (${format.change(figures.responses.change)})`}`,
    },
    { label: 'Svar hittills', value: format.count(figures.responses.total) },
  ];
  if (figures.responseRate !== null)
    rows.push({
      label: 'Svarsfrekvens',
      value: format.percent(figures.responseRate),
      note: `${format.count(figures.invited)} inbjudna`,
    });
  const labels = new Map(questionsOf(survey).map((question) => [question.id, question.label.sv]));
  return {
    id: survey.id,
    name: surveyName([survey], survey.id),
    title: survey.title.sv,
    figures: rows,
    empty: figures.responses.period === 0,
    questions: questionsOf(survey)
      .filter((question) => charted(survey, question) && byId.has(question.id))
      .map((question) => questionView(question, byId.get(question.id)!)),
    comments: comments.slice(0, COMMENTS_PER_SURVEY).map((comment) => ({
      text: shorten(comment.text),
      question: labels.get(comment.questionId) ?? comment.questionId,
      date: comment.submittedAt.slice(0, 10),
    })),
  };
}

export type RegionRow = { name: string; cells: { total: number; period: number; rate: number | null }[] };

/** The roll-up: Teknikcollege regions, the nation, and apart from them the stored county values. */
export type RegionRollUp = { regions: RegionRow[]; nation: RegionRow; counties: RegionRow[] };

export function regionRows(digest: Digest): RegionRollUp {
  const rowsOf = (pick: (survey: SurveyDigest) => RegionFigures[]): RegionRow[] => {
    const ids = new Set(digest.surveys.flatMap((survey) => pick(survey).map((region) => region.id)));
    return [...ids].sort(compareRegionValues).map((id) => ({
      name: regionLabel(id),
      cells: digest.surveys.map((survey) => {
        const region = pick(survey).find((entry) => entry.id === id);
        return {
          total: region?.responses.total ?? 0,
          period: region?.responses.period ?? 0,
          rate: region?.responseRate ?? null,
        };
      }),
    }));
  };
  return {
    regions: rowsOf((survey) => survey.regions),
    nation: {
      name: 'Hela landet',
      cells: digest.surveys.map((survey) => ({
        total: survey.responses.total,
        period: survey.responses.period,
        rate: survey.responseRate,
      })),
    },
    counties: rowsOf((survey) => survey.counties),
  };
}

export const REGION_LEGEND = 'Svar hittills, +n denna vecka, svarsfrekvens inom parentes.';

/** One region's figures as one line: surveys with no answers and no invitations there are left out. */
export function regionFigures(row: RegionRow, names: string[]): string {
  const parts = row.cells.flatMap((cell, index) =>
    cell.total === 0 && cell.rate === null
      ? []
      : [
          `${names[index]} ${format.count(cell.total)}${cell.period > 0 ? ` +${format.count(cell.period)}` : ''}${cell.rate !== null ? ` (${format.percent(cell.rate)})` : ''}`,
        ],
  );
  return parts.length > 0 ? parts.join(' · ') : 'inga svar ännu';
}

export const CENTRE_LEGEND =
  'Piloten hittills: svar per centrum, och för enkäter med inbjudningar hur många av centrumets inbjudna som svarat.';
export const REPORT_POINTER =
  'Hela bilden – per centrum, region och våg, med spridning och kriterierna sida vid sida – ger utvärderingsrapporten: npx skc report.';

/** One centre's pilot-to-date figures as one line; surveys nobody of the centre was asked are left out. */
function centreLine(centre: CentreFigures, context: EmailContext): string {
  const parts = centre.surveys.flatMap((survey) =>
    survey.responses === 0 && survey.invited === 0
      ? []
      : [
          `${surveyName(context.surveys, survey.id)} ${format.count(survey.responses)}` +
            (survey.responseRate === null
              ? ''
              : ` (${format.count(survey.answered)} av ${format.count(survey.invited)} inbjudna, ${format.percent(survey.responseRate)})`),
        ],
  );
  return parts.length > 0 ? parts.join(' · ') : 'inga svar ännu';
}

/** The per-centre section's rows: each registered centre, then the answers without a centre. */
export function centreRows(digest: Digest, context: EmailContext): { name: string; line: string }[] {
  const rows = digest.centres.list.map((centre) => ({
    name: `${centre.name} (${regionLabel(centre.region)})`,
    line: `${format.count(centre.responses)} svar: ${centreLine(centre, context)}`,
  }));
  if (digest.centres.withoutCentre > 0 || rows.length === 0)
    rows.push({ name: 'Utan centrum', line: `${format.count(digest.centres.withoutCentre)} svar` });
  return rows;
}
