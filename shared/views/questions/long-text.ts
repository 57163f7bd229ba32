/** `longText`: a textarea with its maximum length in the hint. */
import type { TextQuestion } from '../../core/definition.ts';
import { asText, fieldShell, hintOf, label } from '../components/field.ts';
import { flag, html } from '../html.ts';
import { plainView, type QuestionView } from './kit.ts';

const maxLength = { sv: (n: number) => `Högst ${n} tecken.`, en: (n: number) => `At most ${n} characters.` };

export const longText: QuestionView<TextQuestion> = {
  ...plainView,
  hints: (question, lang) => [maxLength[lang](question.maxLength)],
  control: (question, path, context) =>
    fieldShell(
      question,
      path,
      context,
      hintOf(question, longText.hints(question, context.lang), context.lang),
      ({ id, described: d, aria, value, wrap }) =>
        wrap(
          html`<label for="${id}">${label(question.label, question, context.lang)}</label>${d.hint}${d.error}
            <textarea
              id="${id}"
              name="${id}"
              rows="6"
              maxlength="${question.maxLength}"
              ${flag('required', question.required)}${aria}
            >
${asText(value)}</textarea>`,
        ),
    ),
};
