/** The receipt page after a submission: the reference number, and what happens next. */
import type { Lang, Survey } from '../../core/definition.ts';
import { html } from '../html.ts';
import { layout, type Page } from './layout.ts';
import { link } from '../../core/links.ts';

export function receiptPage(survey: Survey, responseId: string, lang: Lang): Page {
  const sv = lang === 'sv';
  const next = survey.review
    ? sv
      ? 'Vi har skickat en bekräftelse med en kopia av ansökan till kontaktpersonens e-postadress. Industrirådets granskningskommitté granskar ansökan, och ni får beslutet via e-post.'
      : "We have sent a confirmation with a copy of the application to the contact person's email address. Industrirådet's review committee reviews the application, and you will receive the decision by email."
    : sv
      ? 'Era svar hjälper Teknikcollege att utvärdera om det skapar värde att certifiera hela kompetenscentrum.'
      : 'Your answers help Teknikcollege evaluate whether certifying whole competence centres creates value.';
  return layout({
    lang,
    title: sv ? `Tack! ${survey.title.sv}` : `Thank you! ${survey.title.en}`,
    content: html`<div class="panel" data-clear-draft="${survey.id}">
        <h1>${sv ? 'Tack! Era svar är inskickade' : 'Thank you, your answers have been submitted'}</h1>
        <p>${sv ? 'Ert referensnummer' : 'Your reference number'}</p>
        <p class="reference">${responseId}</p>
      </div>
      <p>${next}</p>
      <p>
        ${sv ? 'Ange referensnumret om ni kontaktar oss om era svar.' : 'Quote the reference number if you contact us about your answers.'}
      </p>`,
    otherLanguage: link('receipt', { id: survey.id, responseId }, { lang: lang === 'sv' ? 'en' : 'sv' }),
  });
}
