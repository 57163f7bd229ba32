/** `consent`: one checkbox with the label beside it, the hint below. */
import type { ConsentQuestion } from '../../core/definition.ts';
import { fieldShell, hintOf, label } from '../components/field.ts';
import { flag, html } from '../html.ts';
import { plainView, yesNo, type QuestionView } from './kit.ts';

export const consent: QuestionView<ConsentQuestion> = {
  ...plainView,
  control: (question, path, context) =>
    fieldShell(
      question,
      path,
      context,
      hintOf(question, [], context.lang),
      ({ id, described: d, aria, value, wrap }) =>
        wrap(
          html`${d.error}
            <div class="choice">
              <input
                type="checkbox"
                id="${id}"
                name="${id}"
                value="true"
                ${flag('checked', value === true)}${flag('required', question.required)}${aria}
              />
              <label for="${id}">${label(question.label, question, context.lang)}</label>
            </div>
            ${d.hint}`,
        ),
    ),
  copy: (question, value, lang) => ({
    label: question.label[lang],
    value: value === true ? yesNo.yes[lang] : yesNo.no[lang],
  }),
};
