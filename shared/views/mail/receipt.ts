/**
 * The receipt an applicant gets after submitting: the reference number and a readable copy of
 * the answers, in Swedish with an English introduction. Question labels and option labels come
 * from the definition; every answer reaches the HTML part through the escaping `html` tag.
 */
import type { Lang, Survey } from '../../core/definition.ts';
import { html, type Html } from '../html.ts';
import type { Answers } from '../../core/validation.ts';
import { link } from '../../core/links.ts';
import type { Mail } from '../../core/ports.ts';
import { viewOf } from '../questions/index.ts';
import type { AnswerCopy } from '../questions/kit.ts';

export type SectionCopy = { title: string; answers: AnswerCopy[] };

/** The answers, section by section in definition order, labelled in `lang`; unanswered left out. */
export function answersCopy(survey: Survey, answers: Answers, lang: Lang): SectionCopy[] {
  return survey.sections
    .map((section) => ({
      title: section.title[lang],
      answers: section.questions
        .filter((question) => answers[question.id] !== undefined)
        .map((question) => viewOf(question).copy(question, answers[question.id], lang)),
    }))
    .filter((section) => section.answers.length > 0);
}

function answerHtml(answer: AnswerCopy): Html {
  if (answer.parts)
    return html`<dt style="font-weight:600;margin-top:.75em">${answer.label}</dt>
      <dd style="margin:0 0 0 1em">
        <dl style="margin:0">${answer.parts.map(answerHtml)}</dl>
      </dd>`;
  return html`<dt style="font-weight:600;margin-top:.75em">${answer.label}</dt>
    <dd style="margin:0 0 0 1em;white-space:pre-wrap">${answer.value}</dd>`;
}

function answerText(answer: AnswerCopy, depth: number): string[] {
  const indent = '  '.repeat(depth);
  const heading = /[?:]$/.test(answer.label) ? answer.label : `${answer.label}:`;
  if (answer.parts)
    return [`${indent}${heading}`, ...answer.parts.flatMap((part) => answerText(part, depth + 1))];
  const lines = (answer.value ?? '').split('\n');
  return [`${indent}${heading}`, ...lines.map((line) => `${indent}  ${line}`)];
}

function copyHtml(sections: SectionCopy[]): Html {
  return html`${sections.map(
    (section) =>
      html`<h2 style="font-size:1.2em;margin:1.5em 0 .25em">${section.title}</h2>
        <dl style="margin:0">${section.answers.map(answerHtml)}</dl>`,
  )}`;
}

function copyText(sections: SectionCopy[]): string {
  return sections
    .map((section) =>
      [`== ${section.title} ==`, ...section.answers.flatMap((answer) => answerText(answer, 0))].join('\n'),
    )
    .join('\n\n');
}

export type ReceiptInput = {
  survey: Survey;
  responseId: string;
  submittedAt: string;
  /** All answers, personal ones included: the copy goes only to the applicant. */
  answers: Answers;
  to: string[];
  publicUrl: string;
};

const stockholmTime = (iso: string) =>
  new Date(iso).toLocaleString('sv-SE', {
    timeZone: 'Europe/Stockholm',
    dateStyle: 'long',
    timeStyle: 'short',
  });

export function receiptMail(input: ReceiptInput): Mail {
  const { survey, responseId } = input;
  const sections = answersCopy(survey, input.answers, 'sv');
  const when = stockholmTime(input.submittedAt);
  const privacy = link('privacy', {}, { base: input.publicUrl });
  const privacyEn = link('privacy', {}, { base: input.publicUrl, lang: 'en' });
  const text = [
    `Tack! Vi har tagit emot er ansökan "${survey.title.sv}" ${when}.`,
    `Ert referensnummer: ${responseId}`,
    'Ange referensnumret om ni kontaktar oss om ansökan. Teknikcollege granskar ansökan och meddelar beslutet via e-post.',
    `Thank you! We have received your application "${survey.title.en}". Your reference number is ${responseId}. A copy of your answers follows, in Swedish as submitted. We review the application and send the decision by email.`,
    copyText(sections),
    `Så behandlar vi personuppgifter / How we handle personal data: ${privacy}`,
  ].join('\n\n');
  const body = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <title>Kvitto ${responseId}</title>
      </head>
      <body style="font-family:system-ui,Arial,sans-serif;color:#1b1f24;line-height:1.5;max-width:40em">
        <h1 style="font-size:1.5em">Tack, vi har tagit emot er ansökan</h1>
        <p>${survey.title.sv}, inskickad ${when}.</p>
        <p>Ert referensnummer:</p>
        <p style="font-size:1.4em;font-weight:700;letter-spacing:.05em">${responseId}</p>
        <p>
          Ange referensnumret om ni kontaktar oss om ansökan. Teknikcollege granskar ansökan och meddelar
          beslutet via e-post.
        </p>
        <p lang="en">
          Thank you! We have received your application. Your reference number is ${responseId}. A copy of your
          answers follows, in Swedish as submitted. We review the application and send the decision by email.
        </p>
        <h2 style="font-size:1.3em;margin-top:2em">Kopia av era svar</h2>
        ${copyHtml(sections)}
        <p style="margin-top:2em">
          <a href="${privacy}">Så behandlar vi personuppgifter</a> ·
          <a href="${privacyEn}" lang="en">How we handle personal data</a>
        </p>
      </body>
    </html>`;
  return {
    to: input.to,
    subject: `Kvitto: vi har tagit emot er ansökan (${responseId}) / Receipt for your application`,
    text,
    html: body.value,
  };
}
