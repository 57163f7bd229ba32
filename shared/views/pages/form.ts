/**
 * The hosted form, rendered from the survey definition on the server. It works without
 * JavaScript (posts urlencoded, the server answers with a receipt or with this page again and an
 * error summary) and follows the GOV.UK patterns: labels and hints above fields, fieldsets with
 * legends for choices, an error summary linking to each field, errors in text next to the field.
 */
import type { Lang, Question, Survey } from '../../core/definition.ts';
import { findQuestion, questionsOf } from '../../core/definition.ts';
import type { Answers, ValidationIssue } from '../../core/validation.ts';
import type { Context } from '../components/field.ts';
import { html, flag, type Html } from '../html.ts';
import { viewOf } from '../questions/index.ts';
import { link } from '../../core/links.ts';
import { MAX_LISTED_ISSUES } from '../../core/problem.ts';
import { layout, type Page } from './layout.ts';

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

export { fieldName } from '../components/field.ts';

/** Where an issue's link jumps to: the field, or the first input of a group of inputs. */
function issueTarget(survey: Survey, path: (string | number)[]): string {
  const [, questionId, ...rest] = path;
  const question = findQuestion(survey, String(questionId));
  return question ? viewOf(question).target(question, rest) : 'main';
}

/** Where an issue's message shows: a matrix left blank shows it once, under its question. */
function errorPlace(survey: Survey, path: (string | number)[]): string {
  const [, questionId, ...rest] = path;
  const question = findQuestion(survey, String(questionId));
  return question ? viewOf(question).errorPlace(question, rest) : 'main';
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
    field: (question, path) => viewOf(question).control(question, path, context),
  };
  const count = survey.sections.length;
  const title = issues.length
    ? `${lang === 'sv' ? 'Fel' : 'Error'} (${words.errorCount[lang](errorCount)}): ${survey.title[lang]}`
    : survey.title[lang];
  const action = link('responses', { id: survey.id }, { lang });
  const content = html` ${state.notice ? html`<div class="error-summary" role="alert" tabindex="-1"><p>${state.notice}</p></div>` : ''}${issues.length ? errorSummary(survey, issues, errorCount, lang) : ''}
    <h1>${survey.title[lang]}</h1>
    ${state.organisation ? html`<p class="lead">${words.welcome[lang](state.organisation)}</p>` : ''}
    ${survey.description ? html`<p class="lead">${survey.description[lang]}</p>` : ''}
    <p class="meta">
      ${words.minutes[lang](survey.minutes)}
      <a href="${link('privacy', {}, { lang })}">${words.privacy[lang]}</a>.
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
    otherLanguage: link(
      'form',
      { id: survey.id },
      { query: { token: state.token }, lang: lang === 'sv' ? 'en' : 'sv' },
    ),
  });
}

/** The first field of the last item of a group that just got an extra item, if any. */
function addedItemField(survey: Survey, state: FormState): string | undefined {
  if (state.issues?.length) return undefined;
  const context = { answers: state.answers ?? {}, extra: state.extraItems ?? {} };
  for (const question of questionsOf(survey)) {
    const field = viewOf(question).addedField(question, context);
    if (field) return field;
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

function questionField(question: Question, context: Context): Html {
  return viewOf(question).control(question, [question.id], context);
}
