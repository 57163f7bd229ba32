/**
 * The digest's HTML part: one 600 px column that shrinks to 360 px, a headline table, a section
 * per survey with its charts and newest comments, applications by status and the region roll-up.
 */
import { applicationStatuses, awaitingReview, type Digest } from '../../../core/digest.ts';
import { assets } from '#assets';
import { barTable, colours, figuresHtml, font, h2, h3, section } from '../../components/mail.ts';
import { html, trusted, type Html } from '../../html.ts';
import { countiesHeading } from '../../../../surveys/regions.ts';
import { format, statusNames, weekNumber, type EmailContext } from './format.ts';
import {
  headline,
  newAnswers,
  REGION_LEGEND,
  regionFigures,
  regionRows,
  surveyName,
  type Chart,
  type RegionRow,
  type SurveyView,
} from './model.ts';

// Dark mode for clients that honour prefers-color-scheme: shared/views/assets/digest-dark.css.
const DARK_STYLE = trusted(assets.digestDarkStyle);

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

export function renderHtml(
  digest: Digest,
  context: EmailContext,
  views: SurveyView[],
  subject: string,
): string {
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
