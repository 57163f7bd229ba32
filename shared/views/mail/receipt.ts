/**
 * The confirmation (bekräftelse) an applicant gets after submitting: what was received — the
 * survey's title, when, the reference number — and that a copy of the answers can be had by
 * replying with the reference. It repeats nothing typed into the form: the open form takes any
 * address, so text in this mail would go, from our domain, to whoever the sender named.
 *
 * The readable copy of the answers (`answersCopy`) is for the copy an administrator sends, on
 * request, to the address on file; every answer reaches HTML only through the escaping `html` tag.
 */
import type { Lang, Survey } from '../../core/definition.ts';
import { letter } from '../components/email-layout.ts';
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
  const when = stockholmTime(input.submittedAt);
  const privacy = link('privacy', {}, { base: input.publicUrl });
  const privacyEn = link('privacy', {}, { base: input.publicUrl, lang: 'en' });
  const text = [
    `Tack! Vi har tagit emot er ansökan "${survey.title.sv}" ${when}.`,
    `Ert referensnummer: ${responseId}`,
    'Ange referensnumret om ni kontaktar oss om ansökan. Industrirådets granskningskommitté granskar ansökan, och ni får beslutet via e-post.',
    `Vill ni ha en kopia av era svar? Svara på det här mejlet och ange referensnumret ${responseId}. Kopian skickas bara till den e-postadress som står i ansökan.`,
    'Har ni inte skickat någon ansökan? Då har någon annan angett er adress; ni behöver inte göra något.',
    `Thank you! We have received your application "${survey.title.en}" (${when}). Your reference number is ${responseId}. To get a copy of your answers, reply to this email with the reference number; the copy goes only to the email address given in the application. Industrirådet's review committee reviews the application and you will get the decision by email. If you did not apply, someone else entered your address; you need not do anything.`,
    `Så behandlar vi personuppgifter / How we handle personal data: ${privacy}`,
  ].join('\n\n');
  const body = letter(
    `Bekräftelse ${responseId}`,
    html`<h1 style="font-size:1.5em">Tack, vi har tagit emot er ansökan</h1>
      <p>${survey.title.sv}, inskickad ${when}.</p>
      <p>Ert referensnummer:</p>
      <p style="font-size:1.4em;font-weight:700;letter-spacing:.05em">${responseId}</p>
      <p>
        Ange referensnumret om ni kontaktar oss om ansökan. Industrirådets granskningskommitté granskar
        ansökan, och ni får beslutet via e-post.
      </p>
      <p>
        Vill ni ha en kopia av era svar? Svara på det här mejlet och ange referensnumret ${responseId}. Kopian
        skickas bara till den e-postadress som står i ansökan.
      </p>
      <p>
        Har ni inte skickat någon ansökan? Då har någon annan angett er adress; ni behöver inte göra något.
      </p>
      <p lang="en">
        Thank you! We have received your application "${survey.title.en}" (${when}). Your reference number is
        ${responseId}. To get a copy of your answers, reply to this email with the reference number; the copy
        goes only to the email address given in the application. Industrirådet's review committee reviews the
        application and you will get the decision by email. If you did not apply, someone else entered your
        address; you need not do anything.
      </p>
      <p style="margin-top:2em">
        <a href="${privacy}">Så behandlar vi personuppgifter</a> ·
        <a href="${privacyEn}" lang="en">How we handle personal data</a>
      </p>`,
  );
  return {
    to: input.to,
    subject: `Bekräftelse: vi har tagit emot er ansökan (${responseId}) / Confirmation of your application`,
    text,
    html: body,
  };
}

export type AnswersCopyInput = ReceiptInput & {
  /** The answers to copy: no one's personal data but the recipient's own address. */
  answers: Answers;
};

/**
 * The copy of the answers an administrator sends on request (`skc copy`), to the address on file
 * only: the one mail that repeats what was typed, after a person asked for it.
 */
export function answersCopyMail(input: AnswersCopyInput): Mail {
  const { survey, responseId } = input;
  const sections = answersCopy(survey, input.answers, 'sv');
  const when = stockholmTime(input.submittedAt);
  const text = [
    `Här är den kopia av ansökan ${responseId} ("${survey.title.sv}", ${when}) som ni bad om.`,
    `Here is the copy of application ${responseId} you asked for, in Swedish as submitted.`,
    copyText(sections),
  ].join('\n\n');
  const body = letter(
    `Kopia av ansökan ${responseId}`,
    html`<h1 style="font-size:1.5em">Kopia av er ansökan ${responseId}</h1>
      <p>Här är den kopia som ni bad om: ${survey.title.sv}, inskickad ${when}.</p>
      <p lang="en">Here is the copy you asked for, in Swedish as submitted.</p>
      ${copyHtml(sections)}`,
  );
  return {
    to: input.to,
    subject: `Kopia av er ansökan (${responseId}) / Copy of your application`,
    text,
    html: body,
  };
}
