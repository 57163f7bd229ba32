/**
 * The evaluation report as ONE self-contained, printable HTML page: inline CSS, inline SVG, no
 * request leaves the file. Every scope (the country, a region, a centre, answers without a
 * centre) is drawn by the same small blocks — reach, burden, quality, value, response rates and
 * the trend — each a table with a caption and headers, charts beside the tables they draw.
 */
import type { ReportModel, ScopeReport, ValueRow } from '../../core/report/model.ts';
import { scopesOf } from '../../core/report/format.ts';
import { html, trusted, type Html } from '../html.ts';
import { reachChart, trendChart } from './charts.ts';
import {
  amount,
  figureText,
  groupName,
  judgementText,
  NONE,
  share,
  surveyName,
  TOO_FEW,
  waveName,
} from './format.ts';
import { STYLE } from './style.ts';

export function reportPage(model: ReportModel): string {
  const scopes = scopesOf(model);
  const page = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>Utvärdering av piloten ${model.period.from} till ${model.period.to}</title>
        <style>
          ${trusted(STYLE)}
        </style>
      </head>
      <body>
        <main>
          ${heading(model)} ${guide(model)} ${contents(model)}
          ${scopes.map((scope) => scopeSection(scope, model))}
        </main>
      </body>
    </html> `;
  return page.value;
}

function heading(model: ReportModel): Html {
  const filter = [
    model.filter.centre && `centrum ${model.filter.centre}`,
    model.filter.region && `region ${model.filter.region}`,
  ].filter(Boolean);
  return html`<header>
    <p class="kicker">Teknikcollege · pilot med certifierade kompetenscentrum</p>
    <h1>Utvärdering av piloten</h1>
    <dl class="facts">
      <div>
        <dt>Period</dt>
        <dd>${model.period.from} till ${model.period.to}</dd>
      </div>
      <div>
        <dt>Urval</dt>
        <dd>${filter.length ? filter.join(', ') : 'alla centrum och regioner'}</dd>
      </div>
      <div>
        <dt>Skapad</dt>
        <dd>${model.generatedAt.slice(0, 16).replace('T', ' ')} UTC</dd>
      </div>
    </dl>
  </header>`;
}

function guide(model: ReportModel): Html {
  return html`<section class="guide" aria-labelledby="guide">
    <h2 id="guide">Så läser ni rapporten</h2>
    <p>
      Rapporten svarar på pilotens fyra frågor: <strong>räckvidd</strong> (utbildningar som certifieras nu men
      som 40-veckorsregeln utestängde), <strong>arbetsbörda</strong> (timmar för ansökan, granskning och
      kvalitetssäkring), <strong>kvalitet</strong> (de åtta kriterierna bedömda tre gånger) och
      <strong>värde</strong> (för företagen, styrgruppen och centrumet).
    </p>
    <ul>
      <li>
        Medelvärden och NPS visas med antal svar (n) och ett 95-procentigt konfidensintervall. För medelvärden
        används ett t-intervall, för NPS en normalapproximation.
      </li>
      <li>Där färre än ${model.method.minAnswers} har svarat visas ingen siffra alls, bara «${TOO_FEW}».</li>
      <li>
        Svar från före centrumets godkännande redovisas för sig som <strong>baslinje</strong> («före
        godkännande»).
      </li>
      <li>
        Importerade svar (äldre underlag) ingår i värdesiffrorna och anges vid varje siffra, men aldrig i
        svarsfrekvensen.
      </li>
      <li>Svar som inte hör till något registrerat centrum redovisas under «Utan centrum».</li>
    </ul>
  </section>`;
}

function contents(model: ReportModel): Html {
  const link = (scope: ScopeReport) => html`<li><a href="#${anchor(scope)}">${scope.name}</a></li>`;
  const current = model.regions.filter((region) => !region.region?.legacy);
  const legacy = model.regions.filter((region) => region.region?.legacy);
  return html`<nav aria-labelledby="contents-title" class="contents">
    <h2 id="contents-title">Innehåll</h2>
    <ul>
      ${link(model.national)}
      ${
        current.length
          ? html`<li>
              Regioner
              <ul>
                ${current.map(link)}
              </ul>
            </li>`
          : ''
      }
      ${
        legacy.length
          ? html`<li>
              Län (före regionerna)
              <ul>
                ${legacy.map(link)}
              </ul>
            </li>`
          : ''
      }
      ${
        model.centres.length
          ? html`<li>
              Centrum
              <ul>
                ${model.centres.map(link)}
              </ul>
            </li>`
          : ''
      }
      ${model.withoutCentre ? link(model.withoutCentre) : ''}
    </ul>
  </nav>`;
}

const anchor = (scope: ScopeReport) => `${scope.kind}-${scope.id}`.replace(/[^A-Za-z0-9_-]/g, '-');

const kindLabel: Record<ScopeReport['kind'], string> = {
  national: 'Hela piloten',
  region: 'Region',
  centre: 'Centrum',
  'without-centre': 'Svar utan centrum',
};

function scopeSection(scope: ScopeReport, model: ReportModel): Html {
  const id = anchor(scope);
  const legacy = scope.region?.legacy && scope.kind === 'region';
  return html`<section class="scope" aria-labelledby="${id}">
    <p class="kicker">${legacy ? 'Län (före regionerna)' : kindLabel[scope.kind]}</p>
    <h2 id="${id}">${scope.name}</h2>
    ${scopeFacts(scope)}
    ${scope.kind === 'without-centre' ? '' : html`${reachBlock(scope, id)} ${burdenBlock(scope, id)} ${qualityBlock(scope, id)}`}
    ${valueBlock(scope, id, model)} ${ratesBlock(scope, id)} ${trendBlock(scope, id)}
  </section>`;
}

function scopeFacts(scope: ScopeReport): Html {
  const facts: [string, string][] = [];
  if (scope.kind === 'centre') {
    facts.push(['Region', scope.region?.name ?? NONE]);
    facts.push(['Godkänt', scope.approvedOn ?? NONE]);
    const application = scope.process.application;
    if (application) facts.push(['Ansökan inkom', application.submittedOn]);
  } else if (scope.kind !== 'without-centre') facts.push(['Centrum', String(scope.centres)]);
  facts.push(['Svar på enkäterna', String(scope.answers)]);
  if (scope.imported > 0) facts.push(['Varav importerade', String(scope.imported)]);
  return html`<dl class="facts">
    ${facts.map(
      ([term, value]) =>
        html`<div>
          <dt>${term}</dt>
          <dd>${value}</dd>
        </div>`,
    )}
  </dl>`;
}

/**
 * A table with a caption and headers. On a phone it is stacked (one block per row, each cell
 * labelled by its column, see style.ts); the explicit roles keep it a table for screen readers,
 * which drop table semantics once CSS changes a table's display.
 */
function table(id: string, caption: string, head: string[], rows: (string | Html)[][], note?: string): Html {
  return html`<div class="table" role="region" aria-labelledby="${id}" tabindex="0">
      <table class="stack" role="table">
        <caption id="${id}">
          ${caption}
        </caption>
        <thead role="rowgroup">
          <tr role="row">
            ${head.map((cell, index) => html`<th scope="col" role="columnheader" class="${index ? 'num' : ''}">${cell}</th>`)}
          </tr>
        </thead>
        <tbody role="rowgroup">
          ${rows.map(
            (row) =>
              html`<tr role="row">
                ${row.map((cell, index) =>
                  index === 0
                    ? html`<th scope="row" role="rowheader">${cell}</th>`
                    : html`<td role="cell" class="num" data-label="${head[index]}">${cell}</td>`,
                )}
              </tr>`,
          )}
        </tbody>
      </table>
    </div>
    ${note ? html`<p class="note">${note}</p>` : ''}`;
}

function reachBlock(scope: ScopeReport, id: string): Html {
  const { reach } = scope;
  const caption = `Utbildningar som certifieringen omfattar, efter längd (${reach.centres === 1 ? 'senaste uppföljningen' : `summa av ${reach.centres} centrums senaste uppföljning`})`;
  const body =
    reach.centres === 0
      ? html`<p class="empty">Ingen uppföljning från centrum i perioden.</p>`
      : html`<p class="lead">
            <strong>${amount(reach.excludedBefore)}</strong> utbildningar kortare än 40 veckor är certifierade
            nu, utbildningar som 40-veckorsregeln utestängde.
          </p>
          <figure>${reachChart(reach, `${id}-reach`)}</figure>
          ${table(
            `${id}-reach`,
            caption,
            ['Längd', 'Utbildningar'],
            [
              ['Kortare än en vecka', amount(reach.underOneWeek)],
              ['1–39 veckor', amount(reach.oneTo39Weeks)],
              ['40 veckor eller längre', amount(reach.fortyWeeksOrMore)],
            ],
          )}`;
  return html`<h3>Räckvidd</h3>
    ${body}`;
}

function burdenBlock(scope: ScopeReport, id: string): Html {
  const { burden, process } = scope;
  const row = (label: string, total: { n: number; total: number | null; mean: number | null }) => [
    label,
    amount(total.total),
    amount(total.mean),
    String(total.n),
  ];
  return html`<h3>Arbetsbörda och process</h3>
    ${table(
      `${id}-burden`,
      'Timmar och dagar som certifieringen har krävt',
      ['Mått', 'Summa', 'Medel', 'Antal'],
      [
        row('Timmar för ansökan', burden.applicationHours),
        row('Timmar för granskning', burden.reviewHours),
        row('Timmar för kvalitetssäkring', burden.qualityAssuranceHours),
        // A sum of days means nothing: only the mean.
        row('Dagar från ansökan till beslut', { ...process.daysToDecision, total: null }),
      ],
      'Antal: hur många uppgifter siffrorna bygger på (centrum, beslut eller uppföljningar).',
    )}`;
}

function qualityBlock(scope: ScopeReport, id: string): Html {
  return html`<h3>Kvalitet: kriterierna bedömda tre gånger</h3>
    ${table(
      `${id}-quality`,
      'Kriterierna på skalan 1–5: centrumets självskattning, styrgruppens och granskningskommitténs bedömning',
      ['Kriterium', 'Centrumet', 'Styrgruppen', 'Granskningskommittén'],
      scope.quality.map((row) => [
        row.name,
        judgementText(row.selfAssessment),
        judgementText(row.steeringGroup),
        judgementText(row.committee),
      ]),
      'Bedömningarna visas oavsett antal, eftersom var och en är ett eget omdöme. n anges där fler än en bedömning ingår.',
    )}`;
}

function figureCell(figure: ValueRow['pilot'], row: ValueRow): Html {
  const text = figureText(figure, row.type);
  const imported =
    figure.imported > 0 ? html`<span class="imported">varav ${figure.imported} importerade</span>` : '';
  if (figure.value === undefined)
    return html`<span class="${figure.n ? 'too-few' : ''}">${text.value}</span
      >${figure.n ? html`<span class="n">n&#160;=&#160;${figure.n}</span>` : ''}${imported}`;
  return html`<strong>${text.value}</strong><span class="ci">${text.interval}</span
    ><span class="n">n&#160;=&#160;${figure.n}</span>${imported}`;
}

function valueBlock(scope: ScopeReport, id: string, model: ReportModel): Html {
  if (scope.value.length === 0) return html``;
  const hasBaseline = scope.value.some((row) => row.baseline.n > 0);
  const head = ['Fråga', ...(hasBaseline ? ['Före godkännande'] : []), 'I piloten'];
  return html`<h3>Värde</h3>
    ${table(
      `${id}-value`,
      `Värdet enligt företag, styrgrupp och centrum: medelvärde på skalan 1–5 eller NPS (−100 till 100), med 95 % konfidensintervall`,
      head,
      scope.value.map((row) => [
        html`<span class="group">${groupName(row.surveyId)}${row.type === 'nps' ? ', NPS' : ''}</span>
          ${row.label}`,
        ...(hasBaseline ? [figureCell(row.baseline, row)] : []),
        figureCell(row.pilot, row),
      ]),
      `Ingen siffra visas där färre än ${model.method.minAnswers} har svarat.`,
    )}`;
}

function ratesBlock(scope: ScopeReport, id: string): Html {
  if (scope.rates.length === 0)
    return html`<h3>Svarsfrekvens</h3>
      <p class="empty">Inga inbjudningar i perioden.</p>`;
  return html`<h3>Svarsfrekvens</h3>
    ${table(
      `${id}-rates`,
      'Inbjudna och svar per våg (importerade svar räknas inte)',
      ['Enkät och våg', 'Inbjudna', 'Svarat', 'Andel'],
      scope.rates.map((rate) => [
        `${surveyName(rate.surveyId)}, ${waveName(rate.wave)}`,
        String(rate.invited),
        String(rate.answered),
        share(rate.rate),
      ]),
    )}`;
}

function trendBlock(scope: ScopeReport, id: string): Html {
  const rows = scope.value.filter((row) => row.waves.some((wave) => wave.figure.value !== undefined));
  if (rows.length === 0) return html``;
  return html`<h3>Utveckling per våg</h3>
    <div class="trends">
      ${rows.map((row, index) => {
        const captionId = `${id}-trend-${index}`;
        const points = [
          ...(row.baseline.n > 0 ? [{ label: 'Före godkännande', figure: row.baseline }] : []),
          ...row.waves.map((wave) => ({ label: waveName(wave.wave), figure: wave.figure })),
        ];
        return html`<figure class="trend">
          <figcaption id="${captionId}">
            ${groupName(row.surveyId)}${row.type === 'nps' ? ', NPS' : ''}: ${row.label}
            <span class="note"
              >Punkt: ${row.type === 'nps' ? 'NPS' : 'medelvärde'}; streck: 95 % konfidensintervall.</span
            >
          </figcaption>
          ${trendChart(row, captionId)}
          ${table(
            `${captionId}-table`,
            'Samma siffror per våg',
            ['Våg', 'Värde', '95 % intervall', 'n'],
            points.map(({ label, figure }) => {
              const text = figureText(figure, row.type);
              return [label, text.value, text.interval || NONE, String(figure.n)];
            }),
          )}
        </figure>`;
      })}
    </div>`;
}
