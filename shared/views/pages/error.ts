/**
 * Pages for the problems a person can meet on a form link: an unknown, foreign or missing
 * invitation (403), an invitation already answered (409), a closed survey (410) and the rest.
 */
import type { Lang, Text } from '../../core/definition.ts';
import { html } from '../html.ts';
import type { Problem, ProblemCode } from '../../core/problem.ts';
import { layout, type Page } from './layout.ts';

const headings: Partial<Record<ProblemCode, Text>> = {
  forbidden: { sv: 'Länken fungerar inte', en: 'The link does not work' },
  already_answered: { sv: 'Redan besvarad – tack!', en: 'Already answered – thank you!' },
  closed: { sv: 'Enkäten är stängd', en: 'The survey is closed' },
  not_found: { sv: 'Sidan finns inte', en: 'Page not found' },
  conflict: { sv: 'Formuläret är redan inskickat', en: 'The form has already been submitted' },
  unavailable: { sv: 'Tillfälligt fel', en: 'Temporary problem' },
  too_large: { sv: 'För mycket text', en: 'Too much text' },
  cross_site: { sv: 'Svaret togs inte emot', en: 'The answers were not accepted' },
  erased: { sv: 'Uppgifterna är raderade', en: 'The data has been erased' },
};

const advice: Partial<Record<ProblemCode, Text>> = {
  forbidden: {
    sv: 'Har du frågor om din inbjudan, svara på e-postmeddelandet du fick så hjälper vi dig.',
    en: 'If you have questions about your invitation, reply to the email you received and we will help.',
  },
  cross_site: {
    sv: 'Kom du hit från en annan webbplats, till exempel ett formulär som liknar vårt? Vi tar bara emot svar från vårt eget formulär, för att ingen annan ska kunna skicka in i ditt namn.',
    en: 'Did you come here from another website, such as a form that looks like ours? We only accept answers from our own form, so that nobody else can submit in your name.',
  },
  unavailable: {
    sv: 'Gå tillbaka i webbläsaren och skicka igen om en liten stund. Dina svar finns kvar i formuläret.',
    en: 'Go back in your browser and submit again in a moment. Your answers are still in the form.',
  },
};

const fallback: Text = { sv: 'Något gick fel', en: 'Something went wrong' };
const fallbackMessage: Text = {
  sv: 'Något gick fel hos oss. Försök igen om en stund.',
  en: 'Something went wrong on our side. Please try again later.',
};

/** An error page; `problem` null is an unexpected error (500). */
export function errorPage(problem: Problem | null, lang: Lang): Page {
  const heading = (problem && headings[problem.code]) ?? fallback;
  const message = problem ? problem.text[lang] : fallbackMessage[lang];
  const extra = problem && advice[problem.code];
  return layout({
    lang,
    title: heading[lang],
    content: html`<h1>${heading[lang]}</h1>
      <p class="lead">${message}</p>
      ${extra ? html`<p>${extra[lang]}</p>` : ''}`,
  });
}
