/**
 * `matrix`: one row of scale radios per row id, in a fieldset per row; the error summary links a
 * blank matrix to its first row. The receipt shows each row; the digest each row's mean.
 */
import type { MatrixQuestion } from '../../core/definition.ts';
import { distributionMean } from '../../core/digest.ts';
import {
  asText,
  choiceInputs,
  describedBy,
  fieldName,
  label,
  scaleOptions,
  valueAt,
  type Context,
} from '../components/field.ts';
import { flag, html, type Html } from '../html.ts';
import { plainView, scaleValue, type QuestionView } from './kit.ts';

function matrixControl(question: MatrixQuestion, context: Context): Html {
  const { lang } = context;
  const questionErrors = context.errors.get(question.id);
  const rowErrors = question.rows.some((row) => context.errors.has(fieldName([question.id, row.id])));
  const q = describedBy(question.id, question.help?.[lang], questionErrors, lang);
  return html`<div class="field${rowErrors || questionErrors ? ' invalid' : ''}">
    <fieldset${q.ids ? html` aria-describedby="${q.ids}"` : ''}>
      <legend class="question">${label(question.label, question, lang)}</legend>
      ${q.hint}${q.error}
      ${question.rows.map((row, rowIndex) => {
        const id = fieldName([question.id, row.id]);
        const errors = context.errors.get(id);
        // The error summary links a blank matrix to its first row's first option.
        const invalid = !!errors || (rowIndex === 0 && !!questionErrors);
        const d = describedBy(id, undefined, errors, lang);
        const options = scaleOptions(
          question.scale.min,
          question.scale.max,
          (v) => question.scale.labels[v]?.[lang],
        );
        const value = asText(valueAt(context.answers, [question.id, row.id]));
        return html`<fieldset class="row" ${d.ids ? html` aria-describedby="${d.ids}"` : ''}>
          <legend>${row.label[lang]}</legend>
          ${d.error}
          <div class="scale labelled">
            ${choiceInputs(id, 'radio', options, (option) => option === value, flag('aria-invalid="true"', invalid))}
          </div>
        </fieldset>`;
      })}
    </fieldset>
  </div>`;
}

export const matrix: QuestionView<MatrixQuestion> = {
  ...plainView,
  control: (question, _path, context) => matrixControl(question, context),
  target: (question, [row]) => fieldName([question.id, typeof row === 'string' ? row : question.rows[0]!.id]),
  // A matrix left blank shows its message once, under the question.
  errorPlace: (question, rest) => (typeof rest[0] === 'string' ? matrix.target(question, rest) : question.id),
  copy: (question, value, lang) => {
    const rows = (value ?? {}) as Record<string, unknown>;
    return {
      label: question.label[lang],
      parts: question.rows
        .filter((row) => rows[row.id] !== undefined)
        .map((row) => ({ label: row.label[lang], value: scaleValue(question.scale, rows[row.id], lang) })),
    };
  },
  chart: (question, figures) => {
    const distribution = (figures.total.distribution ?? {}) as Record<string, Record<string, number>>;
    return {
      kind: 'means',
      rows: question.rows.map((row) => {
        const { n, mean } = distributionMean(distribution[row.id] ?? {});
        return { label: row.label.sv, mean, n, max: question.scale.max };
      }),
    };
  },
};
