/**
 * `group`: a fieldset per item with the fields inside, and "add another"/"remove" buttons that
 * post the form (no JavaScript needed). The receipt shows each item's fields.
 */
import type { GroupQuestion } from '../../core/definition.ts';
import type { Answers } from '../../core/validation.ts';
import { fieldName, label, type Context } from '../components/field.ts';
import { html, type Html } from '../html.ts';
import { fieldView } from './fields.ts';
import { plainView, type QuestionView } from './kit.ts';

const words = {
  add: {
    sv: (item: string) => `Lägg till ${item.toLowerCase()}`,
    en: (item: string) => `Add another ${item.toLowerCase()}`,
  },
  remove: {
    sv: (item: string) => `Ta bort ${item.toLowerCase()}`,
    en: (item: string) => `Remove ${item.toLowerCase()}`,
  },
};

/** How many items of a group the form shows: the answered ones plus those asked for, within bounds. */
function itemCount(question: GroupQuestion, answers: Answers, extra: Record<string, number>): number {
  const items = Array.isArray(answers[question.id]) ? (answers[question.id] as unknown[]) : [];
  return Math.min(
    question.maxItems,
    Math.max(question.minItems, items.length, 1) + (extra[question.id] ?? 0),
  );
}

function groupControl(question: GroupQuestion, context: Context): Html {
  const { lang } = context;
  const count = itemCount(question, context.answers, context.extra);
  const itemName = question.itemLabel[lang];
  const hint = question.help ? html`<p class="hint">${question.help[lang]}</p>` : '';
  return html`<div class="field">
    <fieldset>
      <legend class="question">${label(question.label, question, lang)}</legend>
      ${hint}
      ${Array.from(
        { length: count },
        (_, index) =>
          html`<fieldset class="item">
            <legend>${itemName} ${index + 1}</legend>
            ${question.fields.map((inner) => context.field(inner, [question.id, index, inner.id]))}
            ${count > question.minItems ? html`<button type="submit" class="link" name="_action" value="remove:${question.id}:${index}">${words.remove[lang](`${itemName} ${index + 1}`)}</button>` : ''}
          </fieldset>`,
      )}
      ${count < question.maxItems ? html`<button type="submit" class="secondary" name="_action" value="add:${question.id}">${words.add[lang](itemName)}</button>` : ''}
    </fieldset>
  </div>`;
}

export const group: QuestionView<GroupQuestion> = {
  ...plainView,
  control: (question, _path, context) => groupControl(question, context),
  target: (question, [index, field]) =>
    fieldName([
      question.id,
      typeof index === 'number' ? index : 0,
      typeof field === 'string' ? field : question.fields[0]!.id,
    ]),
  errorPlace: (question, rest) => group.target(question, rest),
  addedField: (question, context) => {
    if (!context.extra[question.id]) return undefined;
    const count = itemCount(question, context.answers, context.extra);
    return fieldName([question.id, count - 1, question.fields[0]!.id]);
  },
  copy: (question, value, lang) => {
    const items = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
    return {
      label: question.label[lang],
      parts: items.map((item, index) => ({
        label: `${question.itemLabel[lang]} ${index + 1}`,
        parts: question.fields
          .filter((field) => item[field.id] !== undefined)
          .map((field) => fieldView(field).copy(field, item[field.id], lang)),
      })),
    };
  },
  chart: null,
};
