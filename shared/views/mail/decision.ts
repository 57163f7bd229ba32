/**
 * The email an applicant gets for each review step: the new status in plain words, the
 * reviewer's note, and what to do next — in Swedish with English. The note is the reviewer's own
 * text and reaches the HTML part only through the escaping `html` tag.
 */
import { statusText, type Decision } from '../../core/applications.ts';
import type { Survey, Text } from '../../core/definition.ts';
import { html } from '../html.ts';
import type { Mail } from '../../core/ports.ts';
import { link } from '../../core/links.ts';

const meaning: Record<Decision, Text> = {
  'in-review': {
    sv: 'Vi har börjat granska er ansökan. Ni behöver inte göra något nu; vi hör av oss när vi har ett besked.',
    en: 'We have started reviewing your application. You do not need to do anything now; we will be in touch when we have a decision.',
  },
  'changes-requested': {
    sv: 'Vi behöver kompletteringar innan vi kan fatta beslut. Läs kommentaren nedan och skicka in en ny ansökan med ändringarna via länken. Ange samma organisationsnummer, så kopplas den nya ansökan till den här.',
    en: 'We need changes before we can decide. Read the reviewer’s comment above and submit a new application with the changes using the link. Use the same organisation number so the new application is linked to this one.',
  },
  approved: {
    sv: 'Er ansökan är godkänd. Kompetenscentrumet är certifierat inom Teknikcolleges pilot.',
    en: 'Your application has been approved. The competence centre is certified within the Teknikcollege pilot.',
  },
  rejected: {
    sv: 'Er ansökan har tyvärr inte godkänts. Kommentaren nedan förklarar varför.',
    en: 'Unfortunately your application has not been approved. The reviewer’s comment above explains why.',
  },
};

export type DecisionInput = {
  survey: Survey;
  responseId: string;
  /** The centre's name, as the case is titled. */
  title: string;
  decision: Decision;
  note: string;
  to: string[];
  publicUrl: string;
};

export function decisionMail(input: DecisionInput): Mail {
  const { decision, responseId } = input;
  const status = statusText[decision];
  const formLink =
    decision === 'changes-requested'
      ? link('form', { id: input.survey.id }, { base: input.publicUrl })
      : undefined;
  const note = input.note.trim();
  const text = [
    `Besked om ansökan ${responseId} (${input.title}): ${status.sv}.`,
    meaning[decision].sv,
    ...(note ? [`Kommentar från granskningen:\n${note}`] : []),
    ...(formLink ? [`Ny ansökan: ${formLink}`] : []),
    `Ange referensnumret ${responseId} om ni kontaktar oss.`,
    `---\nNews about application ${responseId}: ${status.en}.\n${meaning[decision].en}${formLink ? `\nNew application: ${formLink}?lang=en` : ''}`,
  ].join('\n\n');
  const body = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <title>Besked om ansökan ${responseId}</title>
      </head>
      <body style="font-family:system-ui,Arial,sans-serif;color:#1b1f24;line-height:1.5;max-width:40em">
        <h1 style="font-size:1.5em">Besked om er ansökan: ${status.sv}</h1>
        <p>${input.title}, referensnummer <strong>${responseId}</strong>.</p>
        <p>${meaning[decision].sv}</p>
        ${
          note
            ? html`<h2 style="font-size:1.2em">Kommentar från granskningen</h2>
                <p style="white-space:pre-wrap;border-left:4px solid #0b4f8a;padding-left:1em">${note}</p>`
            : ''
        }
        ${formLink ? html`<p><a href="${formLink}">Skicka in en ny ansökan</a></p>` : ''}
        <p>Ange referensnumret ${responseId} om ni kontaktar oss.</p>
        <hr />
        <div lang="en">
          <p><strong>News about your application ${responseId}: ${status.en}.</strong></p>
          <p>${meaning[decision].en}</p>
          ${formLink ? html`<p><a href="${formLink}?lang=en">Submit a new application</a></p>` : ''}
        </div>
      </body>
    </html>`;
  return {
    to: input.to,
    subject: `Besked om er ansökan (${responseId}): ${status.sv} / ${status.en}`,
    text,
    html: body.value,
  };
}
