/**
 * The hosted form, rendered from the survey definition on the server. It works without
 * JavaScript (posts urlencoded, the server answers with a receipt or with this page again and an
 * error summary) and follows the GOV.UK patterns: labels and hints above fields, fieldsets with
 * legends for choices, an error summary linking to each field, errors in text next to the field.
 */
import type {
  FieldQuestion,
  GroupQuestion,
  Lang,
  MatrixQuestion,
  Question,
  Survey,
  Text,
} from '../../core/definition.ts';
import { html, flag, type Html } from '../html.ts';
import type { Answers, ValidationIssue } from '../../core/validation.ts';
import { MAX_LISTED_ISSUES } from '../../core/problem.ts';
import { layout, withLang, type Page } from './layout.ts';

export type FormState = {
  survey: Survey;
  lang: Lang;
  submissionId: string;
  token?: string;
  /** Greets the invited organisation by name. */
  organisation?: string;
  answers?: Answers;
  issues?: ValidationIssue[];
  /** Issues found beyond the listed ones (a 400 lists the first MAX_LISTED_ISSUES only). */
  moreIssues?: number;
  /** Extra empty items per group (the "add another" button without JavaScript). */
  extraItems?: Record<string, number>;
  /** A problem that is not the respondent's, shown above the form (e.g. storage unavailable). */
  notice?: string;
};

const words = {
  required: { sv: '(obligatorisk)', en: '(required)' },
  errorPrefix: { sv: 'Fel:', en: 'Error:' },
  errorTitle: { sv: 'Det finns fel i formuläret', en: 'There is a problem' },
  moreErrors: {
    sv: (n: number) => `… och ${n} fel till. Rätta felen ovan och skicka igen, så visas resten.`,
    en: (n: number) => `… and ${n} more. Correct the errors above and send again to see the rest.`,
  },
  errorCount: {
    sv: (n: number) => `${n} ${n === 1 ? 'fel' : 'fel'}`,
    en: (n: number) => `${n} ${n === 1 ? 'error' : 'errors'}`,
  },
  section: {
    sv: (i: number, n: number) => `Del ${i} av ${n}`,
    en: (i: number, n: number) => `Part ${i} of ${n}`,
  },
  contents: { sv: 'Formulärets delar', en: 'Parts of the form' },
  minutes: {
    sv: (m: number) => `Det tar ungefär ${m} minuter.`,
    en: (m: number) => `It takes about ${m} minutes.`,
  },
  submit: { sv: 'Skicka in', en: 'Submit' },
  add: {
    sv: (item: string) => `Lägg till ${item.toLowerCase()}`,
    en: (item: string) => `Add another ${item.toLowerCase()}`,
  },
  remove: {
    sv: (item: string) => `Ta bort ${item.toLowerCase()}`,
    en: (item: string) => `Remove ${item.toLowerCase()}`,
  },
  choose: { sv: 'Välj', en: 'Choose' },
  yes: { sv: 'Ja', en: 'Yes' },
  no: { sv: 'Nej', en: 'No' },
  npsHint: {
    sv: '0 betyder inte alls troligt, 10 betyder mycket troligt.',
    en: '0 means not at all likely, 10 means extremely likely.',
  },
  maxLength: { sv: (n: number) => `Högst ${n} tecken.`, en: (n: number) => `At most ${n} characters.` },
  range: {
    sv: (a: number, b: number) => `Från ${a} till ${b}.`,
    en: (a: number, b: number) => `From ${a} to ${b}.`,
  },
  welcome: { sv: (org: string) => `Välkommen, ${org}.`, en: (org: string) => `Welcome, ${org}.` },
  privacy: {
    sv: 'Läs hur vi behandlar personuppgifter',
    en: 'Read how we handle personal data',
  },
  saved: {
    sv: 'Dina svar sparas i den här webbläsaren tills du skickar in, om du laddar om sidan.',
    en: 'Your answers are kept in this browser until you submit, should the page reload.',
  },
};

/** The form field name of a path below `answers` (`courses.0.name`); also the field's id. */
export function fieldName(path: (string | number)[]): string {
  return path.join('.');
}

/** Where an issue's link jumps to: the field, or the first input of a group of inputs. */
export function issueTarget(survey: Survey, path: (string | number)[]): string {
  const [, questionId, second, third] = path;
  const question = survey.sections.flatMap((section) => section.questions).find((q) => q.id === questionId);
  if (!question) return 'main';
  if (question.type === 'matrix') {
    const row = typeof second === 'string' ? second : question.rows[0]!.id;
    return fieldName([question.id, row]);
  }
  if (question.type === 'group') {
    const index = typeof second === 'number' ? second : 0;
    const field = typeof third === 'string' ? third : question.fields[0]!.id;
    return fieldName([question.id, index, field]);
  }
  return question.id;
}

/** Where an issue's message shows: a matrix left blank shows it once, under its question. */
function errorPlace(survey: Survey, path: (string | number)[]): string {
  const [, questionId, row] = path;
  const question = survey.sections.flatMap((section) => section.questions).find((q) => q.id === questionId);
  return question?.type === 'matrix' && typeof row !== 'string' ? question.id : issueTarget(survey, path);
}

export function renderForm(state: FormState): Page {
  const { survey, lang } = state;
  // Bounded here too, so no caller can make the page as long as the bad input.
  const issues = (state.issues ?? []).slice(0, MAX_LISTED_ISSUES);
  const errorCount = (state.issues?.length ?? 0) + (state.moreIssues ?? 0);
  const errorsByField = new Map<string, string[]>();
  for (const issue of issues) {
    const target = errorPlace(survey, issue.path);
    errorsByField.set(target, [...(errorsByField.get(target) ?? []), issue.message]);
  }
  const context: Context = {
    lang,
    answers: state.answers ?? {},
    errors: errorsByField,
    extra: state.extraItems ?? {},
    autofocus: addedItemField(survey, state),
  };
  const count = survey.sections.length;
  const title = issues.length
    ? `${lang === 'sv' ? 'Fel' : 'Error'} (${words.errorCount[lang](errorCount)}): ${survey.title[lang]}`
    : survey.title[lang];
  const action = withLang(`/surveys/${survey.id}/responses`, {}, lang);
  const content = html` ${state.notice ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${state.notice}</p></div>` : ''}${issues.length ? errorSummary(survey, issues, errorCount, lang) : ''}
    <h1>${survey.title[lang]}</h1>
    ${state.organisation ? html`<p class="lead">${words.welcome[lang](state.organisation)}</p>` : ''}
    ${survey.description ? html`<p class="lead">${survey.description[lang]}</p>` : ''}
    <p class="meta">
      ${words.minutes[lang](survey.minutes)}
      <a href="${withLang('/privacy', {}, lang)}">${words.privacy[lang]}</a>.
    </p>
    ${
      count > 2
        ? html`<nav class="toc" aria-labelledby="toc-title">
            <h2 id="toc-title">${words.contents[lang]}</h2>
            <ol>
              ${survey.sections.map(
                (section) => html`<li><a href="#section-${section.id}">${section.title[lang]}</a></li>`,
              )}
            </ol>
          </nav>`
        : ''
    }
    <form
      method="post"
      action="${action}"
      novalidate
      data-draft="${survey.id}"
      ${flag('data-draft-restore', state.answers === undefined)}
    >
      <input type="hidden" name="submissionId" value="${state.submissionId}" />
      <button type="submit" class="visually-hidden" tabindex="-1" aria-hidden="true">
        ${words.submit[lang]}
      </button>
      ${state.token ? html`<input type="hidden" name="token" value="${state.token}" />` : ''}
      ${survey.sections.map(
        (section, index) =>
          html` <fieldset class="section" id="section-${section.id}">
            <legend class="section-title">
              <span class="progress">${words.section[lang](index + 1, count)}</span>${section.title[lang]}
            </legend>
            ${section.description ? html`<p class="hint">${section.description[lang]}</p>` : ''}
            ${section.questions.map((question) => questionField(question, context))}
          </fieldset>`,
      )}
      <p class="hint">${words.saved[lang]}</p>
      <button type="submit" class="primary">${words.submit[lang]}</button>
    </form>`;
  return layout({
    lang,
    title,
    content,
    otherLanguage: withLang(`/forms/${survey.id}`, { token: state.token }, lang === 'sv' ? 'en' : 'sv'),
  });
}

/** The first field of the last item of a group that just got an extra item, if any. */
function addedItemField(survey: Survey, state: FormState): string | undefined {
  if (state.issues?.length) return undefined;
  for (const question of survey.sections.flatMap((section) => section.questions)) {
    if (question.type !== 'group' || !state.extraItems?.[question.id]) continue;
    const count = itemCount(question, state.answers ?? {}, state.extraItems);
    return fieldName([question.id, count - 1, question.fields[0]!.id]);
  }
  return undefined;
}

function errorSummary(survey: Survey, issues: ValidationIssue[], total: number, lang: Lang): Html {
  return html`<div class="error-summary" role="alert" tabindex="-1" aria-labelledby="error-summary-title">
    <h2 id="error-summary-title">${words.errorTitle[lang]} (${words.errorCount[lang](total)})</h2>
    <ul>
      ${issues.map((issue) => html`<li><a href="#${issueTarget(survey, issue.path)}">${issue.message}</a></li>`)}
      ${total > issues.length ? html`<li>${words.moreErrors[lang](total - issues.length)}</li>` : ''}
    </ul>
  </div>`;
}

type Context = {
  lang: Lang;
  answers: Answers;
  errors: Map<string, string[]>;
  extra: Record<string, number>;
  /** The field to focus on load: the first field of an item just added without JavaScript. */
  autofocus?: string;
};

function valueAt(answers: Answers, path: (string | number)[]): unknown {
  let current: unknown = answers;
  for (const part of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[part];
  }
  return current;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  return typeof value === 'object' ? '' : String(value);
}

function questionField(question: Question, context: Context): Html {
  if (question.type === 'group') return groupField(question, context);
  if (question.type === 'matrix') return matrixField(question, context);
  return field(question, [question.id], context);
}

function label(text: Text, question: { required: boolean }, lang: Lang): Html {
  return html`${text[lang]}${question.required ? html` <span class="req">${words.required[lang]}</span>` : ''}`;
}

function hintText(question: FieldQuestion, lang: Lang): string | undefined {
  const parts: string[] = [];
  if (question.help) parts.push(question.help[lang]);
  if (question.type === 'longText') parts.push(words.maxLength[lang](question.maxLength));
  if (question.type === 'integer' || question.type === 'number') {
    parts.push(
      words.range[lang](question.min, question.max) + (question.unit ? ` (${question.unit[lang]})` : ''),
    );
  }
  if (question.type === 'nps' && !question.help) parts.push(words.npsHint[lang]);
  return parts.length ? parts.join(' ') : undefined;
}

/** The hint and error paragraphs of a field, and the ids to chain in aria-describedby. */
function describedBy(id: string, hint: string | undefined, errors: string[] | undefined, lang: Lang) {
  const ids = [hint ? `${id}-hint` : '', errors ? `${id}-error` : ''].filter(Boolean).join(' ');
  return {
    ids,
    hint: hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : '',
    error: errors
      ? html`<p class="error" id="${id}-error">
          <span class="visually-hidden">${words.errorPrefix[lang]}</span> ${errors.join(' ')}
        </p>`
      : '',
  };
}

function field(question: FieldQuestion, path: (string | number)[], context: Context): Html {
  const { lang } = context;
  const id = fieldName(path);
  const errors = context.errors.get(id);
  const value = valueAt(context.answers, path);
  const d = describedBy(id, hintText(question, lang), errors, lang);
  const aria = html`${d.ids ? html` aria-describedby="${d.ids}"` : ''}${flag('aria-invalid="true"', !!errors)}${flag('autofocus', id === context.autofocus)}`;
  const wrap = (inner: Html) => html`<div class="field${errors ? ' invalid' : ''}">${inner}</div>`;

  switch (question.type) {
    case 'text':
    case 'email':
    case 'orgNumber':
    case 'integer':
    case 'number':
    case 'date': {
      const input = inputAttributes(question);
      return wrap(
        html`<label for="${id}">${label(question.label, question, lang)}</label>${d.hint}${d.error}
          <input
            type="${input.type}"
            id="${id}"
            name="${id}"
            value="${asText(value)}"
            ${input.extra}${flag('required', question.required)}${aria}
          />`,
      );
    }
    case 'longText':
      return wrap(
        html`<label for="${id}">${label(question.label, question, lang)}</label>${d.hint}${d.error}
          <textarea
            id="${id}"
            name="${id}"
            rows="6"
            maxlength="${question.maxLength}"
            ${flag('required', question.required)}${aria}
          >
${asText(value)}</textarea>`,
      );
    case 'singleChoice':
      if (question.options.length > 8) {
        return wrap(
          html`<label for="${id}">${label(question.label, question, lang)}</label>${d.hint}${d.error}
            <select id="${id}" name="${id}" ${flag('required', question.required)}${aria}>
              <option value="">${words.choose[lang]}</option>
              ${question.options.map((option) => html`<option value="${option.value}" ${flag('selected', value === option.value)}>${option.label[lang]}</option>`)}
            </select>`,
        );
      }
      return choices(
        question,
        id,
        d,
        aria,
        errors,
        'radio',
        question.options.map((o) => ({ value: o.value, label: o.label[lang] })),
        [value],
        context,
      );
    case 'multiChoice':
      return choices(
        question,
        id,
        d,
        aria,
        errors,
        'checkbox',
        question.options.map((o) => ({ value: o.value, label: o.label[lang] })),
        Array.isArray(value) ? value : [value],
        context,
      );
    case 'likert': {
      const options = scaleOptions(
        question.scale.min,
        question.scale.max,
        (v) => question.scale.labels[v]?.[lang],
      );
      return choices(question, id, d, aria, errors, 'radio', options, [value], context, 'scale labelled');
    }
    case 'nps':
      return choices(
        question,
        id,
        d,
        aria,
        errors,
        'radio',
        scaleOptions(0, 10, () => undefined),
        [value],
        context,
        'scale',
      );
    case 'boolean':
      return choices(
        question,
        id,
        d,
        aria,
        errors,
        'radio',
        [
          { value: 'true', label: words.yes[lang] },
          { value: 'false', label: words.no[lang] },
        ],
        [value],
        context,
        'scale',
      );
    case 'consent':
      return wrap(
        html`${d.error}
          <div class="choice">
            <input
              type="checkbox"
              id="${id}"
              name="${id}"
              value="true"
              ${flag('checked', value === true)}${flag('required', question.required)}${aria}
            />
            <label for="${id}">${label(question.label, question, lang)}</label>
          </div>
          ${d.hint}`,
      );
    case 'matrix':
      return html``;
  }
}

function inputAttributes(question: FieldQuestion): { type: string; extra: Html } {
  const autocomplete = question.autocomplete ? html` autocomplete="${question.autocomplete}"` : html``;
  switch (question.type) {
    case 'email':
      return {
        type: 'email',
        extra: html` spellcheck="false" autocomplete="${question.autocomplete ?? 'email'}"`,
      };
    case 'orgNumber':
      return {
        type: 'text',
        extra: html` class="short" inputmode="numeric" spellcheck="false"${autocomplete}`,
      };
    case 'integer':
      return { type: 'text', extra: html` class="short" inputmode="numeric"${autocomplete}` };
    case 'number':
      return { type: 'text', extra: html` class="short" inputmode="decimal"${autocomplete}` };
    case 'date':
      return {
        type: 'date',
        extra: html` class="short"${question.min ? html` min="${question.min}"` : ''}${question.max ? html` max="${question.max}"` : ''}`,
      };
    case 'text':
      return {
        type: question.autocomplete === 'tel' ? 'tel' : question.autocomplete === 'url' ? 'url' : 'text',
        extra: html` maxlength="${question.maxLength}"${flag('class="short"', question.maxLength <= 12)}${autocomplete}`,
      };
    default:
      return { type: 'text', extra: autocomplete };
  }
}

function scaleOptions(min: number, max: number, labelOf: (value: string) => string | undefined) {
  return Array.from({ length: max - min + 1 }, (_, index) => {
    const value = String(min + index);
    const text = labelOf(value);
    return { value, label: text ? `${value} – ${text}` : value };
  });
}

function choices(
  question: { label: Text; required: boolean },
  id: string,
  d: ReturnType<typeof describedBy>,
  aria: Html,
  errors: string[] | undefined,
  type: 'radio' | 'checkbox',
  options: { value: string; label: string }[],
  selected: unknown[],
  context: Context,
  /** How the options line up: a list (the default), a row of short ones, or a labelled scale. */
  layout: '' | 'scale' | 'scale labelled' = '',
): Html {
  const chosen = new Set(selected.map(asText));
  return html`<div class="field${errors ? ' invalid' : ''}"><fieldset${d.ids ? html` aria-describedby="${d.ids}"` : ''}>
<legend class="question">${label(question.label, question, context.lang)}</legend>${d.hint}${d.error}
<div${layout ? html` class="${layout}"` : ''}>
${options.map(
  (option, index) =>
    html`<div class="choice">
      <input
        type="${type}"
        id="${index === 0 ? id : `${id}--${option.value}`}"
        name="${id}"
        value="${option.value}"
        ${flag('checked', chosen.has(option.value))}${index === 0 ? aria : ''}
      />
      <label for="${index === 0 ? id : `${id}--${option.value}`}">${option.label}</label>
    </div>`,
)}
</div></fieldset></div>`;
}

function matrixField(question: MatrixQuestion, context: Context): Html {
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
            ${options.map(
              (option, index) =>
                html`<div class="choice">
                  <input
                    type="radio"
                    id="${index === 0 ? id : `${id}--${option.value}`}"
                    name="${id}"
                    value="${option.value}"
                    ${flag('checked', value === option.value)}${flag('aria-invalid="true"', index === 0 && invalid)}
                  />
                  <label for="${index === 0 ? id : `${id}--${option.value}`}">${option.label}</label>
                </div>`,
            )}
          </div>
        </fieldset>`;
      })}
    </fieldset>
  </div>`;
}

/** How many items of a group the form shows: the answered ones plus those asked for, within bounds. */
function itemCount(question: GroupQuestion, answers: Answers, extra: Record<string, number>): number {
  const items = Array.isArray(answers[question.id]) ? (answers[question.id] as unknown[]) : [];
  return Math.min(
    question.maxItems,
    Math.max(question.minItems, items.length, 1) + (extra[question.id] ?? 0),
  );
}

function groupField(question: GroupQuestion, context: Context): Html {
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
            ${question.fields.map((inner) => field(inner, [question.id, index, inner.id], context))}
            ${count > question.minItems ? html`<button type="submit" class="link" name="_action" value="remove:${question.id}:${index}">${words.remove[lang](`${itemName} ${index + 1}`)}</button>` : ''}
          </fieldset>`,
      )}
      ${count < question.maxItems ? html`<button type="submit" class="secondary" name="_action" value="add:${question.id}">${words.add[lang](itemName)}</button>` : ''}
    </fieldset>
  </div>`;
}
