/**
 * `matrix`: one integer on the scale per row, `{rowId: value}`. Counted and exported per row
 * (`<q>.<row>#n|#sum|=<value>`, column `<q>.<row>`).
 */
import type { MatrixQuestion } from '../definition.ts';
import {
  blankToUndefined,
  cellOf,
  coerceNumber,
  distributionOf,
  isPlainObject,
  numberIn,
  plain,
  range,
  strictObject,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

export const matrix: QuestionModel<MatrixQuestion> = {
  ...plain,
  perRow: true,
  decode: (question, entries) => {
    const prefix = `${question.id}.`;
    const rows: Record<string, unknown> = {};
    for (const [name, value] of entries) {
      if (name.startsWith(prefix)) rows[name.slice(prefix.length)] = value;
    }
    return rows;
  },
  normalise: (_question, value, encoding) => {
    if (!isPlainObject(value)) return blankToUndefined(value);
    const rows: Record<string, unknown> = {};
    for (const [row, rowValue] of Object.entries(value)) {
      const normalised = coerceNumber(blankToUndefined(rowValue), encoding);
      if (normalised !== undefined) rows[row] = normalised;
    }
    return Object.keys(rows).length === 0 ? undefined : rows;
  },
  count: (question, value, add) => {
    for (const [row, rating] of Object.entries(value as Record<string, number>)) {
      add(`${question.id}.${row}#n`);
      add(`${question.id}.${row}#sum`, rating);
      add(`${question.id}.${row}=${rating}`);
    }
  },
  stats: (question, counters) => {
    const values = range(question.scale.min, question.scale.max);
    const distribution = Object.fromEntries(
      question.rows.map((row) => [row.id, distributionOf(counters, `${question.id}.${row.id}`, values)]),
    );
    return { n: counters[`${question.id}#n`] ?? 0, distribution };
  },
  columns: (question) =>
    question.rows.map((row) => ({
      key: `${question.id}.${row.id}`,
      label: { sv: `${question.label.sv}: ${row.label.sv}`, en: `${question.label.en}: ${row.label.en}` },
    })),
  cells: (question, value) => {
    const rows = (value ?? {}) as Record<string, unknown>;
    return Object.fromEntries(question.rows.map((row) => [`${question.id}.${row.id}`, cellOf(rows[row.id])]));
  },
  fromCells: (question, cell) => {
    const rows: Record<string, string> = {};
    for (const row of question.rows) {
      const value = cell(`${question.id}.${row.id}`);
      if (value?.trim()) rows[row.id] = value;
    }
    return Object.keys(rows).length > 0 ? { value: rows } : undefined;
  },
  labelAt: (question, [row], lang) => {
    const found =
      typeof row === 'string' ? question.rows.find((candidate) => candidate.id === row) : undefined;
    return found ? `${question.label[lang]}: ${found.label[lang]}` : question.label[lang];
  },
};

export const matrixSchema: QuestionSchema<MatrixQuestion> = (question) =>
  strictObject(
    Object.fromEntries(
      question.rows.map((row) => {
        const rating = numberIn(question.scale.min, question.scale.max, true);
        return [row.id, question.required ? rating : rating.optional()];
      }),
    ),
  );
