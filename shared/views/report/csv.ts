/**
 * The report as CSV for a spreadsheet: one row per scope (the country, a region, a centre or
 * "utan centrum"), wave and measure. Numbers stay numbers; a withheld figure (n < 5) has empty
 * value cells and says why in `note`. Text cells that a spreadsheet would run as a formula are
 * escaped by csv-stringify (`escape_formulas`); a BOM lets spreadsheet programs read UTF-8.
 */
import { stringify } from 'csv-stringify/sync';
import type { ReportModel, ScopeReport, ValueRow } from '../../core/report/model.ts';
import type { Reach } from '../../core/report/format.ts';
import { scopesOf } from '../../core/report/format.ts';
import type { Figure, Total } from '../../core/report/statistics.ts';
import { TOO_FEW } from './format.ts';

const reportCsvColumns = [
  'scope',
  'id',
  'name',
  'region',
  'wave',
  'measure',
  'label',
  'n',
  'value',
  'low',
  'high',
  'imported',
  'note',
] as const;

type Cell = string | number | null;
type CsvRow = Record<(typeof reportCsvColumns)[number], Cell>;

/** The reach counts, each a row counted over the centres that reported them. */
const reachMeasures = [
  ['underOneWeek', 'Utbildningar kortare än en vecka'],
  ['oneTo39Weeks', 'Utbildningar 1–39 veckor'],
  ['fortyWeeksOrMore', 'Utbildningar 40 veckor eller längre'],
  ['excludedBefore', 'Certifierade nu som 40-veckorsregeln utestängde'],
] as const satisfies readonly (readonly [Exclude<keyof Reach, 'centres'>, string])[];

/** Waves of a value figure: `before-approval` (the baseline), `pilot` (all waves), or a wave id. */
export function reportCsv(model: ReportModel): string {
  const scopes = scopesOf(model);
  const rows = scopes.flatMap(scopeRows);
  return stringify(
    rows.map((row) => reportCsvColumns.map((column) => row[column] ?? '')),
    {
      header: true,
      columns: [...reportCsvColumns],
      bom: true,
      escape_formulas: true,
      record_delimiter: 'windows',
    },
  );
}

function scopeRows(scope: ScopeReport): CsvRow[] {
  const base = {
    scope: scope.kind,
    id: scope.id,
    name: scope.name,
    region: scope.region?.slug ?? null,
  };
  const row = (
    wave: string | null,
    measure: string,
    label: string,
    values: Partial<Pick<CsvRow, 'n' | 'value' | 'low' | 'high' | 'imported' | 'note'>>,
  ): CsvRow => ({
    ...base,
    wave,
    measure,
    label,
    n: null,
    value: null,
    low: null,
    high: null,
    imported: null,
    note: null,
    ...values,
  });
  const total = (measure: string, label: string, value: Total) =>
    row(null, measure, label, { n: value.n, value: value.total });

  return [
    ...scope.value.flatMap((value) => valueRows(value, row)),
    ...scope.rates.flatMap((rate) => [
      row(rate.wave, `invited.${rate.surveyId}`, 'Inbjudna', { value: rate.invited }),
      row(rate.wave, `answered.${rate.surveyId}`, 'Svarat', { value: rate.answered }),
      row(rate.wave, `rate.${rate.surveyId}`, 'Svarsfrekvens (0–1)', { n: rate.invited, value: rate.rate }),
    ]),
    ...(scope.kind === 'without-centre'
      ? []
      : [
          ...reachMeasures.map(([measure, label]) =>
            row(null, `reach.${measure}`, label, { n: scope.reach.centres, value: scope.reach[measure] }),
          ),
          total('burden.applicationHours', 'Timmar för ansökan (summa)', scope.burden.applicationHours),
          total('burden.reviewHours', 'Timmar för granskning (summa)', scope.burden.reviewHours),
          total(
            'burden.qualityAssuranceHours',
            'Timmar för kvalitetssäkring (summa)',
            scope.burden.qualityAssuranceHours,
          ),
          row(null, 'process.daysToDecision', 'Dagar från ansökan till beslut (medel)', {
            n: scope.process.daysToDecision.n,
            value: scope.process.daysToDecision.mean,
          }),
          ...scope.quality.flatMap((quality) =>
            (
              [
                ['selfAssessment', 'centrumets självskattning'],
                ['steeringGroup', 'styrgruppens bedömning'],
                ['committee', 'granskningskommitténs bedömning'],
              ] as const
            ).map(([judge, text]) =>
              row(null, `quality.${quality.criterionId}.${judge}`, `${quality.name}: ${text}`, {
                n: quality[judge].n,
                value: quality[judge].mean,
              }),
            ),
          ),
        ]),
  ];
}

function valueRows(
  value: ValueRow,
  row: (wave: string | null, measure: string, label: string, values: Partial<CsvRow>) => CsvRow,
): CsvRow[] {
  const measure = `value.${value.surveyId}.${value.questionId}${value.type === 'nps' ? '.nps' : '.mean'}`;
  const figure = (wave: string, of: Figure) =>
    row(wave, measure, value.label, {
      n: of.n,
      value: of.value ?? null,
      low: of.low ?? null,
      high: of.high ?? null,
      imported: of.imported,
      note: of.value === undefined && of.n > 0 ? TOO_FEW : null,
    });
  return [
    figure('before-approval', value.baseline),
    figure('pilot', value.pilot),
    ...value.waves.map((wave) => figure(wave.wave, wave.figure)),
  ];
}
