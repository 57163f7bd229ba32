/** The digest's CSV attachment: every per-question figure, one row each. */
import { stringify } from 'csv-stringify/sync';
import type { Stats } from '../../../core/aggregate.ts';
import type { Survey } from '../../../core/definition.ts';
import { questionsOf } from '../../../core/definition.ts';
import { distributionMean, type Digest } from '../../../core/digest.ts';
import { questionModels } from '../../../core/questions/index.ts';

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
      /** A row per value of a distribution (the question's, or one matrix row's): its count in each period. */
      const countRecords = (row: string, of: (stats: Stats) => Record<string, number>) => {
        for (const [value, count] of Object.entries(of(total)))
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
      };
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
      const model = questionModels[question.type];
      if (model.valueMeasure?.kind === 'nps')
        records.push([...base, '', 'nps', '', cell(period.nps), cell(previous.nps), cell(total.nps), label]);
      if (model.perRow) {
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
          countRecords(row, of);
        }
      } else if (total.distribution) {
        countRecords('', (stats) => (stats.distribution ?? {}) as Record<string, number>);
      }
    }
  }
  return stringify(records, { header: true, columns: csvColumns, bom: true, escape_formulas: true });
}
