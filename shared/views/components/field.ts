/**
 * The parts of a form field, GOV.UK style: a label (or a legend for a group of inputs) with
 * "(obligatorisk)", a hint and an error message chained in `aria-describedby`, the field marked
 * invalid, and choices as radios or checkboxes. Question types build their controls from these.
 */
import type { Lang, Question, Text } from '../../core/definition.ts';
import type { Answers } from '../../core/validation.ts';
import { flag, html, type Html } from '../html.ts';

export const fieldWords = {
  required: { sv: '(obligatorisk)', en: '(required)' },
  errorPrefix: { sv: 'Fel:', en: 'Error:' },
  choose: { sv: 'Välj', en: 'Choose' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
} satisfies Record<string, Text>;

/** What every control needs besides its question: language, posted answers, errors by field. */
export type Context = {
  lang: Lang;
  answers: Answers;
  errors: Map<string, string[]>;
  extra: Record<string, number>;
  /** The field to focus on load: the first field of an item just added without JavaScript. */
  autofocus?: string;
  /** Renders a field question at a path (a group renders its fields through this). */
  field(question: Exclude<Question, { type: 'group' }>, path: (string | number)[]): Html;
};

/** The form field name of a path below `answers` (`courses.0.name`); also the field's id. */
export function fieldName(path: (string | number)[]): string {
  return path.join('.');
}

export function valueAt(answers: Answers, path: (string | number)[]): unknown {
  let current: unknown = answers;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? '' : String(value);
}

export function label(text: Text, question: { required: boolean }, lang: Lang): Html {
  return html`${text[lang]}${question.required ? html` <span class="req">${fieldWords.required[lang]}</span>` : ''}`;
}

export /** The hint and error paragraphs of a field, and the ids to chain in aria-describedby. */
function describedBy(id: string, hint: string | undefined, errors: string[] | undefined, lang: Lang) {
  const ids = [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    ids,
    hint: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '',
    error: errors
      ? html`<p class="error" id="${id}-error">
          <span class="visually-hidden">${fieldWords.errorPrefix[lang]}</span> ${errors.join(' ')}
        </p>`
      : '',
  };
}

/** A field's parts, worked out once: its id, errors, posted value, hint/error paragraphs, aria. */
export type FieldParts = {
  id: string;
  errors: string[] | undefined;
  value: unknown;
  described: ReturnType<typeof describedBy>;
  aria: Html;
  wrap(inner: Html): Html;
};

/** One field of the form: works out its parts and hands them to the type's control. */
export function fieldShell(
  question: Exclude<Question, { type: 'group' }>,
  path: (string | number)[],
  context: Context,
  hint: string | undefined,
  control: (parts: FieldParts) => Html,
): Html {
  const id = fieldName(path);
  const errors = context.errors.get(id);
  const described = describedBy(id, hint, errors, context.lang);
  const aria = html`${described.ids ? html` aria-describedby="${described.ids}"` : ''}${flag('aria-invalid="true"', !!errors)}${flag('autofocus', id === context.autofocus)}`;
  return control({
    id,
    errors,
    value: valueAt(context.answers, path),
    described,
    aria,
    wrap: (inner: Html) => html`<div class="field${errors ? ' invalid' : ''}">${inner}</div>`,
  });
}

/** A one-line input (text, email, number as text, date) with its label, hint and error. */
function inputControl(
  question: { label: Text; required: boolean },
  parts: FieldParts,
  lang: Lang,
  input: { type: string; extra: Html },
): Html {
  const { id, described: d } = parts;
  return parts.wrap(
    html`<label for="${id}">${label(question.label, question, lang)}</label>${d.hint}${d.error}
      <input
        type="${input.type}"
        id="${id}"
        name="${id}"
        value="${asText(parts.value)}"
        ${input.extra}${flag('required', question.required)}${parts.aria}
      />`,
  );
}

/** A one-line input in its field: label, hint (the question's help, then `hints`), error, input. */
export function inputField(
  question: Exclude<Question, { type: 'group' }>,
  path: (string | number)[],
  context: Context,
  input: { type: string; extra: Html },
  hints: string[] = [],
): Html {
  return fieldShell(question, path, context, hintOf(question, hints, context.lang), (parts) =>
    inputControl(question, parts, context.lang, input),
  );
}

/** The autocomplete attribute a question asks for (WCAG 1.3.5), if any. */
export function autocompleteOf(question: { autocomplete?: string }): Html {
  return question.autocomplete ? html` autocomplete="${question.autocomplete}"` : html``;
}

export function scaleOptions(min: number, max: number, labelOf: (value: string) => string | undefined) {
  return Array.from({ length: max - min + 1 }, (_, index) => {
    const value = String(min + index);
    const text = labelOf(value);
    return { value, label: text ? `${value} – ${text}` : value };
  });
}

export function choices(
  question: { label: Text; required: boolean },
  id: string,
  d: ReturnType<typeof describedBy>,
  aria: Html,
  errors: string[] | undefined,
  type: 'radio' | 'checkbox',
  options: { value: string; label: string }[],
  selected: unknown[],
  context: Pick<Context, 'lang'>,
  /** How the options line up: a list (the default), a row of short ones, or a labelled scale. */
  layout: '' | 'scale' | 'scale labelled' = '',
): Html {
  const chosen = new Set(selected.map(asText));
  return html`<div class="field${errors ? ' invalid' : ''}"><fieldset${d.ids ? html` aria-describedby="${d.ids}"` : ''}>
<legend class="question">${label(question.label, question, context.lang)}</legend>${d.hint}${d.error}
<div${layout ? html` class="${layout}"` : ''}>
${choiceInputs(id, type, options, (value) => chosen.has(value), aria)}
</div></fieldset></div>`;
}

/**
 * The radios or checkboxes of one set of choices, each with its label. The first carries the
 * field's own id (where the error summary links) and `firstAttributes` (aria-invalid and the like).
 */
export function choiceInputs(
  id: string,
  type: 'radio' | 'checkbox',
  options: { value: string; label: string }[],
  checked: (value: string) => boolean,
  firstAttributes: Html,
): Html[] {
  return options.map((option, index) => {
    const optionId = index === 0 ? id : `${id}--${option.value}`;
    return html`<div class="choice">
      <input
        type="${type}"
        id="${optionId}"
        name="${id}"
        value="${option.value}"
        ${flag('checked', checked(option.value))}${index === 0 ? firstAttributes : ''}
      />
      <label for="${optionId}">${option.label}</label>
    </div>`;
  });
}

/** The hint under a label: the question's help, then what its type adds (a range, a length). */
export function hintOf(question: { help?: Text }, extras: string[], lang: Lang): string | undefined {
  const parts = [...(question.help ? [question.help[lang]] : []), ...extras];
  return parts.length ? parts.join(' ') : undefined;
}

/** A question answered by radios or checkboxes: its shell, then the choices, the posted value checked. */
export function choiceField(
  question: Exclude<Question, { type: 'group' }>,
  path: (string | number)[],
  context: Context,
  choice: {
    type: 'radio' | 'checkbox';
    options: { value: string; label: string }[];
    hints?: string[];
    layout?: '' | 'scale' | 'scale labelled';
  },
): Html {
  return fieldShell(
    question,
    path,
    context,
    hintOf(question, choice.hints ?? [], context.lang),
    ({ id, described, aria, errors, value }) =>
      choices(
        question,
        id,
        described,
        aria,
        errors,
        choice.type,
        choice.options,
        choice.type === 'checkbox' && Array.isArray(value) ? value : [value],
        context,
        choice.layout,
      ),
  );
}
