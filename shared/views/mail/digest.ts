/**
 * The weekly digest as an email, in Swedish: a headline section, one compact section per survey
 * (bar charts as tables with inline CSS: no SVG, images or scripts, which mail clients strip),
 * the newest comments, a region roll-up, a plain-text part with the same numbers and a CSV of
 * every per-question figure. Pure: model in, message out.
 *
 * Mail clients: one 600 px column that shrinks to 360 px, colours that read on light and dark
 * backgrounds (with a prefers-color-scheme block for clients that honour it), and well under
 * Gmail's 102 KB clipping limit.
 */
import { stringify } from 'csv-stringify/sync';
import type { Stats } from '../../core/aggregate.ts';
import type { Question, Survey } from '../../core/definition.ts';
import { questionsOf } from '../../core/definition.ts';
import { html, type Html } from '../html.ts';
import type { Comment, DigestContext, DigestEmail } from '../../core/digest-run.ts';
import { COMMENTS_PER_SURVEY } from '../../core/digest-run.ts';
import { compareRegionValues, countiesHeading, regionLabel } from '../../../surveys/regions.ts';
import {
  applicationStatuses,
  awaitingReview,
  distributionMean,
  type ApplicationStatus,
  type Digest,
  type QuestionFigures,
  type RegionFigures,
  type SurveyDigest,
} from '../../core/digest.ts';

export type EmailContext = DigestContext;

/** Gmail clips a message whose HTML is larger than this. */
export const HTML_LIMIT_BYTES = 102 * 1024;
export const COMMENT_LENGTH = 280;

const shortNames: Record<string, string> = {
  'centre-application': 'Ansökningar',
  'company-value': 'Företagsenkäten',
  'steering-group': 'Styrgruppsenkäten',
  'centre-followup': 'Centrumenkäten',
};

const statusNames: Record<ApplicationStatus, string> = {
  submitted: 'Inkomna, ej granskade',
  'in-review': 'Under granskning',
  'changes-requested': 'Komplettering begärd',
  approved: 'Godkända',
  rejected: 'Avslagna',
};

// --- numbers, formatted once for the HTML and the text part alike ---------------------------

const integerFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 0 });
const decimalFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2 });
const changeFormat = new Intl.NumberFormat('sv-SE', { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
const percentFormat = new Intl.NumberFormat('sv-SE', { style: 'percent', maximumFractionDigits: 1 });

export const format = {
  count: (value: number) => integerFormat.format(value),
  mean: (value: number) => decimalFormat.format(value),
  nps: (value: number) => integerFormat.format(value),
  change: (value: number) => {
    const rounded = Math.round(value * 100) / 100;
    return rounded === 0 ? '±0' : changeFormat.format(rounded);
  },
  percent: (value: number) => percentFormat.format(value),
};

export function weekNumber(weekId: string): number {
  return Number(weekId.slice(6));
}

export function subjectOf(digest: Digest): string {
  const { id, from, to } = digest.period;
  return `Pilotens veckorapport v. ${weekNumber(id)} (${from} – ${to})`;
}

// --- what the sections say, as plain data both parts render ---------------------------------

type Figure = { label: string; value: string; note?: string };

function surveyName(surveys: readonly Survey[], id: string): string {
  return shortNames[id] ?? surveys.find((survey) => survey.id === id)?.title.sv ?? id;
}

function newAnswers(digest: Digest) {
  const sum = (pick: (survey: SurveyDigest) => number) =>
    digest.surveys.reduce((total, survey) => total + pick(survey), 0);
  return {
    period: sum((survey) => survey.responses.period),
    previous: sum((survey) => survey.responses.previous),
    total: sum((survey) => survey.responses.total),
  };
}

function npsQuestion(survey: SurveyDigest): QuestionFigures | undefined {
  return survey.questions.find((question) => question.type === 'nps');
}

function changeText(current: number | undefined, previous: number | undefined): string | undefined {
  if (current === undefined || previous === undefined) return undefined;
  return `${format.change(current - previous)} mot förra veckan`;
}

function headline(digest: Digest, context: EmailContext): Figure[] {
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
      const change = changeText(nps.period.nps, nps.previous.nps);
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

/** Question types the digest charts; free text, dates, groups and personal data only count answers. */
function charted(survey: Survey, question: Question): boolean {
  if (question.id === survey.regionQuestion) return false; // shown in the region roll-up
  return ['likert', 'nps', 'singleChoice', 'multiChoice', 'boolean', 'matrix', 'integer', 'number'].includes(
    question.type,
  );
}

type Bar = { label: string; count: number; share: number; week: number; value?: string };

type Chart =
  | { kind: 'bars'; bars: Bar[] }
  | { kind: 'means'; rows: { label: string; mean: number | undefined; n: number; max: number }[] }
  | { kind: 'nps'; promoters: number; passives: number; detractors: number; n: number };

type QuestionView = { label: string; summary: string; week: string; chart?: Chart };

function optionLabels(question: Question): Record<string, string> {
  switch (question.type) {
    case 'singleChoice':
    case 'multiChoice':
      return Object.fromEntries(question.options.map((option) => [option.value, option.label.sv]));
    case 'likert':
      return Object.fromEntries(
        Object.entries(question.scale.labels).map(([value, label]) => [value, `${value} – ${label.sv}`]),
      );
    case 'boolean':
      return { true: 'Ja', false: 'Nej' };
    default:
      return {};
  }
}

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
    figures.period.nps !== undefined && figures.previous.nps !== undefined
      ? `NPS ${format.change(figures.period.nps - figures.previous.nps)}`
      : figures.period.mean !== undefined && figures.previous.mean !== undefined
        ? `medel ${format.change(figures.period.mean - figures.previous.mean)}`
        : undefined;
  const week =
    `Denna vecka: ${statsLine(figures.period, withMean)} (förra veckan: ${statsLine(figures.previous, withMean)}).` +
    (change ? ` Förändring: ${change}.` : '');
  const view: QuestionView = { label: question.label.sv, summary, week };
  const total = figures.total;
  if (total.n === 0) return view;
  if (question.type === 'nps') {
    const distribution = (total.distribution ?? {}) as Record<string, number>;
    const count = (from: number, to: number) =>
      Object.entries(distribution).reduce(
        (sum, [value, n]) => (Number(value) >= from && Number(value) <= to ? sum + n : sum),
        0,
      );
    view.chart = {
      kind: 'nps',
      promoters: count(9, 10),
      passives: count(7, 8),
      detractors: count(0, 6),
      n: total.n,
    };
  } else if (question.type === 'matrix') {
    const distribution = (total.distribution ?? {}) as Record<string, Record<string, number>>;
    view.chart = {
      kind: 'means',
      rows: question.rows.map((row) => {
        const { n, mean } = distributionMean(distribution[row.id] ?? {});
        return { label: row.label.sv, mean, n, max: question.scale.max };
      }),
    };
  } else if (total.distribution) {
    const labels = optionLabels(question);
    const distribution = total.distribution as Record<string, number>;
    const week = (figures.period.distribution ?? {}) as Record<string, number>;
    const bars = Object.entries(distribution).map(([value, count]): Bar => ({
      label: labels[value] ?? value,
      value,
      count,
      share: count / total.n,
      week: week[value] ?? 0,
    }));
    // Long option lists (industries) show only what was chosen, so the email stays short.
    view.chart = { kind: 'bars', bars: bars.length > 6 ? bars.filter((bar) => bar.count > 0) : bars };
  }
  return view;
}

type SurveyView = {
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

function surveyView(survey: Survey, figures: SurveyDigest, comments: Comment[]): SurveyView {
  const byId = new Map(figures.questions.map((question) => [question.id, question]));
  const rows: Figure[] = [
    {
      label: 'Svar denna vecka',
      value: format.count(figures.responses.period),
      note: `förra veckan ${format.count(figures.responses.previous)} (${format.change(figures.responses.period - figures.responses.previous)})`,
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

type RegionRow = { name: string; cells: { total: number; period: number; rate: number | null }[] };

/** The roll-up: Teknikcollege regions, the nation, and apart from them the stored county values. */
type RegionRollUp = { regions: RegionRow[]; nation: RegionRow; counties: RegionRow[] };

function regionRows(digest: Digest): RegionRollUp {
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

// --- HTML -----------------------------------------------------------------------------------

const colours = {
  page: '#eef1f4',
  card: '#ffffff',
  ink: '#1f2933',
  muted: '#52606d',
  line: '#d9dee4',
  bar: '#2f6fb0',
  track: '#dfe4ea',
  promoter: '#2e7d4f',
  passive: '#8a96a3',
  detractor: '#c0462f',
};

const DARK_STYLE = `:root{color-scheme:light dark;supported-color-schemes:light dark}
@media (prefers-color-scheme:dark){
.page{background:#111417!important}
.card{background:#1b1f24!important;color:#e8ebef!important}
.card h1,.card h2,.card h3,.card strong{color:#f3f5f7!important}
.muted{color:#a9b4c0!important}
.rule{border-color:#343a42!important}
.bar{background:#5b9bd5!important}
.track{background:#39414b!important}
.quote{border-color:#5b9bd5!important;background:#232931!important}
.empty{background:#2a2f36!important}
}`;

const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function barHtml(share: number, colour = colours.bar): Html {
  const width = share <= 0 ? 0 : Math.max(1, Math.min(100, Math.round(share * 100)));
  // The width attribute as well as the style: Outlook's Word engine reads only the attribute.
  const cell = (cls: string, style: string, percent?: number) =>
    html`<td
      class="${cls}"
      ${percent === undefined ? '' : html`width="${percent}%"`}
      height="10"
      style="${style};height:10px;font-size:0;line-height:0"
    >
      &nbsp;
    </td>`;
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    <tr>
      ${[
        width > 0 ? cell('bar', `width:${width}%;background:${colour}`, width) : '',
        width < 100 ? cell('track', `background:${colours.track}`) : '',
      ]}
    </tr>
  </table>`;
}

function chartHtml(chart: Chart): Html {
  const muted = `color:${colours.muted}`;
  if (chart.kind === 'nps') {
    const parts: [number, string, string][] = [
      [chart.detractors, colours.detractor, 'Kritiker (0–6)'],
      [chart.passives, colours.passive, 'Passiva (7–8)'],
      [chart.promoters, colours.promoter, 'Promotorer (9–10)'],
    ];
    const cells = parts
      .filter(([count]) => count > 0)
      .map(
        ([count, colour]) =>
          html`<td
            width="${Math.max(1, Math.round((count / chart.n) * 100))}%"
            height="12"
            style="width:${Math.max(1, Math.round((count / chart.n) * 100))}%;background:${colour};height:12px;font-size:0;line-height:0"
          >
            &nbsp;
          </td>`,
      );
    return html`<table
        role="presentation"
        width="100%"
        cellpadding="0"
        cellspacing="0"
        style="border-collapse:collapse;margin:6px 0 4px"
      >
        <tr>
          ${cells}
        </tr>
      </table>
      <p class="muted" style="margin:0;font-size:13px;${muted}">
        ${parts.map(
          ([count, colour, label], index) =>
            html`${index > 0 ? ' · ' : ''}<span style="color:${colour};font-size:15px">&#9632;</span>
              ${label}: ${format.count(count)}`,
        )}
      </p>`;
  }
  if (chart.kind === 'means') {
    return html`${barTable(
        chart.rows.map((row) => ({
          label: row.label,
          figure: html`<strong>${row.mean === undefined ? '–' : format.mean(row.mean)}</strong>`,
          share: row.mean === undefined ? 0 : row.mean / row.max,
        })),
      )}
      <p class="muted" style="margin:4px 0 0;font-size:13px;${muted}">
        Medelvärde hittills på skalan 1–${chart.rows[0]?.max ?? 5}.
      </p>`;
  }
  return barTable(
    chart.bars.map((bar) => ({
      label: bar.label,
      figure: html`<strong>${format.count(bar.count)}</strong>
        <span class="muted" style="${muted}">(${format.percent(bar.share)})</span
        >${bar.week > 0 ? html` <span class="muted" style="${muted}">+${format.count(bar.week)}</span>` : ''}`,
      share: bar.share,
    })),
  );
}

/** One labelled bar per row, its figure on the right: the shape of every chart in the digest. */
function barTable(rows: { label: string; figure: Html; share: number }[]): Html {
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    ${rows.map(
      (row) =>
        html`<tr>
            <td style="padding:6px 0 2px;font-size:14px">${row.label}</td>
            <td align="right" valign="bottom" style="padding:6px 0 2px 8px;white-space:nowrap;font-size:14px">
              ${row.figure}
            </td>
          </tr>
          <tr>
            <td colspan="2">${barHtml(row.share)}</td>
          </tr>`,
    )}
  </table>`;
}

function figuresHtml(figures: Figure[]): Html {
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    ${figures.map(
      (figure) =>
        html`<tr>
          <td class="rule" style="padding:8px 0;border-bottom:1px solid ${colours.line};vertical-align:top">
            ${figure.label}${figure.note ? html`<br /><span class="muted" style="font-size:13px;color:${colours.muted}">${figure.note}</span>` : ''}
          </td>
          <td
            class="rule"
            align="right"
            style="padding:8px 0 8px 12px;border-bottom:1px solid ${colours.line};vertical-align:top;white-space:nowrap;font-size:20px"
          >
            <strong>${figure.value}</strong>
          </td>
        </tr>`,
    )}
  </table>`;
}

function section(content: Html): Html {
  return html`<tr>
    <td class="rule" style="padding:20px 20px;border-top:1px solid ${colours.line}">${content}</td>
  </tr>`;
}

const h2 = (text: string) => html`<h2 style="margin:0 0 10px;font-size:19px;line-height:1.3">${text}</h2>`;
const h3 = (text: string) => html`<h3 style="margin:18px 0 4px;font-size:15px;line-height:1.35">${text}</h3>`;

function surveyHtml(view: SurveyView): Html {
  const muted = `color:${colours.muted}`;
  const body = view.empty
    ? html`<p class="muted" style="margin:10px 0 0;${muted}">Inga nya svar den här veckan.</p>`
    : html`<p class="muted" style="margin:12px 0 0;font-size:13px;${muted}">
          Staplarna visar piloten hittills; +n är den här veckans svar.
        </p>
        ${view.questions.map(
          (question) =>
            html`${h3(question.label)}
              <p class="muted" style="margin:0 0 4px;font-size:13px;${muted}">
                ${question.summary} ${question.week}
              </p>
              ${question.chart ? chartHtml(question.chart) : ''}`,
        )}`;
  const comments =
    view.comments.length > 0
      ? html`${h3('Senaste kommentarerna')}${view.comments.map(
          (comment) =>
            html`<table
              role="presentation"
              width="100%"
              cellpadding="0"
              cellspacing="0"
              style="border-collapse:collapse;margin:8px 0"
            >
              <tr>
                <td
                  class="quote"
                  style="border-left:3px solid ${colours.bar};padding:6px 10px;background:#f5f7f9;font-size:14px"
                >
                  ${comment.text}<br /><span class="muted" style="font-size:12px;${muted}"
                    >${comment.question} · ${comment.date}</span
                  >
                </td>
              </tr>
            </table>`,
        )}`
      : '';
  return section(
    html`${h2(view.name)}
      <p class="muted" style="margin:-6px 0 8px;font-size:13px;${muted}">${view.title}</p>
      ${figuresHtml(view.figures)}${body}${comments}`,
  );
}

function applicationsHtml(digest: Digest): Html {
  return section(
    html`${h2('Ansökningar per status')}${figuresHtml(
      applicationStatuses.map((status) => ({
        label: statusNames[status],
        value: format.count(digest.applications.byStatus[status]),
      })),
    )}`,
  );
}

function regionsHtml(digest: Digest, context: EmailContext): Html {
  const muted = `color:${colours.muted}`;
  const rollUp = regionRows(digest);
  const names = digest.surveys.map((survey) => surveyName(context.surveys, survey.id));
  const table = (rows: RegionRow[]) =>
    html`<table
      role="presentation"
      width="100%"
      cellpadding="0"
      cellspacing="0"
      style="border-collapse:collapse"
    >
      ${rows.map(
        (row) =>
          html`<tr>
            <td class="rule" style="padding:7px 0;border-bottom:1px solid ${colours.line};font-size:14px">
              <strong>${row.name}</strong><br /><span class="muted" style="${muted}"
                >${regionFigures(row, names)}</span
              >
            </td>
          </tr>`,
      )}
    </table>`;
  return section(
    html`${h2('Per region')}
      <p class="muted" style="margin:0 0 8px;font-size:13px;${muted}">${REGION_LEGEND}</p>
      ${table([...rollUp.regions, rollUp.nation])}
      ${rollUp.counties.length > 0 ? html`${h3(countiesHeading.sv)}${table(rollUp.counties)}` : ''}`,
  );
}

const REGION_LEGEND = 'Svar hittills, +n denna vecka, svarsfrekvens inom parentes.';

/** One region's figures as one line: surveys with no answers and no invitations there are left out. */
function regionFigures(row: RegionRow, names: string[]): string {
  const parts = row.cells.flatMap((cell, index) =>
    cell.total === 0 && cell.rate === null
      ? []
      : [
          `${names[index]} ${format.count(cell.total)}${cell.period > 0 ? ` +${format.count(cell.period)}` : ''}${cell.rate !== null ? ` (${format.percent(cell.rate)})` : ''}`,
        ],
  );
  return parts.length > 0 ? parts.join(' · ') : 'inga svar ännu';
}

function renderHtml(digest: Digest, context: EmailContext, views: SurveyView[], subject: string): string {
  const answers = newAnswers(digest);
  const figures = headline(digest, context);
  const preheader = `${format.count(answers.period)} nya svar · ${format.count(awaitingReview(digest))} ansökningar väntar på granskning · ${format.count(digest.pilot.daysLeft)} dagar kvar`;
  const muted = `color:${colours.muted}`;
  const intro =
    answers.period === 0
      ? html`<p
          class="empty"
          style="margin:12px 0 4px;padding:10px 12px;background:#f5f7f9;border-radius:4px"
        >
          Inga nya svar kom in den här veckan. Siffrorna nedan gäller piloten hittills.
        </p>`
      : '';
  const document = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />
        <title>${subject}</title>
        <style>
          ${DARK_STYLE}
        </style>
      </head>
      <body class="page" style="margin:0;padding:0;background:${colours.page};${font}">
        <div style="display:none;max-height:0;overflow:hidden;opacity:0">${preheader}</div>
        <table
          role="presentation"
          class="page"
          width="100%"
          cellpadding="0"
          cellspacing="0"
          style="border-collapse:collapse;background:${colours.page}"
        >
          <tr>
            <td align="center" style="padding:12px 6px">
              <table
                role="presentation"
                class="card"
                width="100%"
                cellpadding="0"
                cellspacing="0"
                style="border-collapse:collapse;max-width:600px;background:${colours.card};color:${colours.ink};${font};font-size:15px;line-height:1.45;text-align:left"
              >
                <tr>
                  <td style="padding:20px 20px 8px">
                    <p class="muted" style="margin:0;font-size:13px;${muted}">
                      Teknikcollege · pilot med certifierade kompetenscentrum
                    </p>
                    <h1 style="margin:4px 0 2px;font-size:24px;line-height:1.25">
                      Veckorapport v. ${weekNumber(digest.period.id)}
                    </h1>
                    <p class="muted" style="margin:0;${muted}">${digest.period.from} – ${digest.period.to}</p>
                    ${intro}
                  </td>
                </tr>
                <tr>
                  <td style="padding:4px 20px 16px">${figuresHtml(figures)}</td>
                </tr>
                ${views.map(surveyHtml)} ${applicationsHtml(digest)} ${regionsHtml(digest, context)}
                <tr>
                  <td
                    class="rule"
                    style="padding:16px 20px 24px;border-top:1px solid ${colours.line};font-size:13px;${muted}"
                  >
                    <span class="muted" style="${muted}"
                      >Veckan räknas måndag–söndag, svensk tid. Siffrorna kommer från svarens räknare;
                      "hittills" räknas från ${digest.pilot.start}. Alla siffror per fråga finns i den
                      bifogade CSV-filen.</span
                    >
                  </td>
                </tr>
              </table>
            </td>
          </tr>
        </table>
      </body>
    </html>`;
  // Indentation is bytes Gmail counts towards its clipping limit; no user text holds a line break.
  return document.value.replace(/\n[ \t]+/g, '\n');
}

// --- text -----------------------------------------------------------------------------------

function renderText(digest: Digest, context: EmailContext, views: SurveyView[], subject: string): string {
  const lines: string[] = [subject, `${digest.period.from} – ${digest.period.to}`, ''];
  const answers = newAnswers(digest);
  if (answers.period === 0)
    lines.push('Inga nya svar kom in den här veckan. Siffrorna nedan gäller piloten hittills.', '');
  const figure = (entry: Figure) =>
    lines.push(`${entry.label}: ${entry.value}${entry.note ? ` (${entry.note})` : ''}`);
  headline(digest, context).forEach(figure);
  for (const view of views) {
    lines.push('', view.name.toUpperCase(), view.title);
    view.figures.forEach(figure);
    if (view.empty) lines.push('Inga nya svar den här veckan.');
    else
      for (const question of view.questions) {
        lines.push('', question.label, question.summary, question.week);
        const chart = question.chart;
        if (chart?.kind === 'bars')
          for (const bar of chart.bars)
            lines.push(
              `  ${bar.label}: ${format.count(bar.count)} (${format.percent(bar.share)})${bar.week > 0 ? ` +${format.count(bar.week)}` : ''}`,
            );
        if (chart?.kind === 'means')
          for (const row of chart.rows)
            lines.push(`  ${row.label}: ${row.mean === undefined ? '–' : format.mean(row.mean)}`);
        if (chart?.kind === 'nps')
          lines.push(
            `  Kritiker (0–6): ${format.count(chart.detractors)}, Passiva (7–8): ${format.count(chart.passives)}, Promotorer (9–10): ${format.count(chart.promoters)}`,
          );
      }
    if (view.comments.length > 0) {
      lines.push('', 'Senaste kommentarerna:');
      for (const comment of view.comments)
        lines.push(`  "${comment.text}" (${comment.question}, ${comment.date})`);
    }
  }
  lines.push('', 'ANSÖKNINGAR PER STATUS');
  for (const status of applicationStatuses)
    lines.push(`${statusNames[status]}: ${format.count(digest.applications.byStatus[status])}`);
  lines.push('', 'PER REGION', REGION_LEGEND);
  const names = digest.surveys.map((survey) => surveyName(context.surveys, survey.id));
  const rollUp = regionRows(digest);
  for (const row of [...rollUp.regions, rollUp.nation])
    lines.push(`${row.name}: ${regionFigures(row, names)}`);
  if (rollUp.counties.length > 0) {
    lines.push('', countiesHeading.sv.toUpperCase());
    for (const row of rollUp.counties) lines.push(`${row.name}: ${regionFigures(row, names)}`);
  }
  lines.push(
    '',
    `Veckan räknas måndag–söndag, svensk tid; "hittills" räknas från ${digest.pilot.start}. Alla siffror per fråga finns i den bifogade CSV-filen.`,
  );
  return `${lines.join('\n')}\n`;
}

// --- CSV ------------------------------------------------------------------------------------

const csvColumns = [
  'survey',
  'question',
  'type',
  'row',
  'measure',
  'value',
  'period',
  'previous',
  'total',
  'label',
];

/** One row per figure: n, mean and NPS per question (and matrix row), and each value's count. */
export function digestCsv(digest: Digest, surveys: readonly Survey[]): string {
  const records: (string | number)[][] = [];
  const cell = (value: number | undefined) => (value === undefined ? '' : value);
  for (const figures of digest.surveys) {
    const survey = surveys.find((entry) => entry.id === figures.id);
    const labels = new Map(
      survey ? questionsOf(survey).map((question) => [question.id, question.label.sv]) : [],
    );
    const { responses } = figures;
    records.push([
      figures.id,
      '',
      '',
      '',
      'responses',
      '',
      responses.period,
      responses.previous,
      responses.total,
      '',
    ]);
    if (figures.responseRate !== null)
      records.push([figures.id, '', '', '', 'responseRate', '', '', '', figures.responseRate, '']);
    for (const question of figures.questions) {
      const label = labels.get(question.id) ?? '';
      const base = [figures.id, question.id, question.type];
      const { period, previous, total } = question;
      records.push([...base, '', 'n', '', period.n, previous.n, total.n, label]);
      if (total.mean !== undefined || period.mean !== undefined)
        records.push([
          ...base,
          '',
          'mean',
          '',
          cell(period.mean),
          cell(previous.mean),
          cell(total.mean),
          label,
        ]);
      if (question.type === 'nps')
        records.push([...base, '', 'nps', '', cell(period.nps), cell(previous.nps), cell(total.nps), label]);
      if (question.type === 'matrix') {
        const rows = (stats: Stats) => (stats.distribution ?? {}) as Record<string, Record<string, number>>;
        for (const [row, values] of Object.entries(rows(total))) {
          const of = (stats: Stats) => rows(stats)[row] ?? {};
          const mean = (stats: Stats) => distributionMean(of(stats)).mean;
          records.push([
            ...base,
            row,
            'n',
            '',
            distributionMean(of(period)).n,
            distributionMean(of(previous)).n,
            distributionMean(values).n,
            label,
          ]);
          records.push([
            ...base,
            row,
            'mean',
            '',
            cell(mean(period)),
            cell(mean(previous)),
            cell(mean(total)),
            label,
          ]);
          for (const [value, count] of Object.entries(values))
            records.push([
              ...base,
              row,
              'count',
              value,
              of(period)[value] ?? 0,
              of(previous)[value] ?? 0,
              count,
              label,
            ]);
        }
      } else if (total.distribution) {
        const of = (stats: Stats) => (stats.distribution ?? {}) as Record<string, number>;
        for (const [value, count] of Object.entries(of(total)))
          records.push([
            ...base,
            '',
            'count',
            value,
            of(period)[value] ?? 0,
            of(previous)[value] ?? 0,
            count,
            label,
          ]);
      }
    }
  }
  return stringify(records, { header: true, columns: csvColumns, bom: true });
}

// --- the message ----------------------------------------------------------------------------

export function renderDigestEmail(digest: Digest, context: EmailContext): DigestEmail {
  const subject = subjectOf(digest);
  const views = digest.surveys.flatMap((figures) => {
    const survey = context.surveys.find((entry) => entry.id === figures.id);
    return survey ? [surveyView(survey, figures, context.comments[figures.id] ?? [])] : [];
  });
  return {
    subject,
    html: renderHtml(digest, context, views, subject),
    text: renderText(digest, context, views, subject),
    attachments: [
      {
        filename: `veckorapport-${digest.period.id}.csv`,
        content: digestCsv(digest, context.surveys),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
  };
}
