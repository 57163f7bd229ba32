/** The receipt page after a submission: the reference number, and what happens next. */
import type { Lang, Survey } from '../../core/definition.ts';
import { html } from '../html.ts';
import { layout, type Page } from './layout.ts';
import { link } from '../../core/links.ts';

export function receiptPage(survey: Survey, responseId: string, lang: Lang): Page {
  const sv = lang === 'sv';
  const next = survey.review
    ? sv
      ? 'Vi har skickat en bekräftelse med en kopia av ansökan till kontaktpersonens e-postadress. Teknikcollege granskar ansökan och meddelar beslutet via e-post.'
      : "We have sent a confirmation with a copy of the application to the contact person's email address. Teknikcollege reviews the application and sends the decision by email."
    : sv
      ? 'Dina svar hjälper Teknikcollege att utvärdera om certifiering av hela kompetenscentrum skapar värde.'
      : 'Your answers help Teknikcollege evaluate whether certifying whole competence centres creates value.';
  return layout({
    lang,
    title: sv ? `Tack! ${survey.title.sv}` : `Thank you! ${survey.title.en}`,
    content: html`<div class="panel" data-clear-draft="${survey.id}">
        <h1>${sv ? 'Tack, dina svar är inskickade' : 'Thank you, your answers have been submitted'}</h1>
        <p>${sv ? 'Ditt referensnummer' : 'Your reference number'}</p>
        <p class="reference">${responseId}</p>
      </div>
      <p>${next}</p>
      <p>
        ${sv ? 'Ange referensnumret om du kontaktar oss om dina svar.' : 'Quote the reference number if you contact us about your answers.'}
      </p>`,
    otherLanguage: link('receipt', { id: survey.id, responseId }, { lang: lang === 'sv' ? 'en' : 'sv' }),
  });
}
