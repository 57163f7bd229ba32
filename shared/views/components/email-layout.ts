/**
 * The one skeleton every email is written into: the document (doctype, head, body) and the two
 * bodies built on it — a letter of paragraphs (receipt, decision, invitation) and a card of
 * sections on a coloured page (the digest). Every value goes through the escaping `html` tag.
 */
import { html, type Html } from '../html.ts';
import { colours, font, layoutTable } from './mail.ts';

type Document = {
  title: string;
  /** CSS for clients that honour prefers-color-scheme; the document then declares light and dark. */
  darkStyle?: Html;
  bodyClass?: string;
  bodyStyle: string;
  content: Html;
};

function emailDocument(document: Document): Html {
  const schemes = document.darkStyle
    ? html`<meta name="viewport" content="width=device-width,initial-scale=1" />
        <meta name="color-scheme" content="light dark" />
        <meta name="supported-color-schemes" content="light dark" />`
    : '';
  return html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        ${schemes}
        <title>${document.title}</title>
        ${
          document.darkStyle
            ? html`<style>
                ${document.darkStyle}
              </style>`
            : ''
        }
      </head>
      <body ${document.bodyClass ? html`class="${document.bodyClass}"` : ''} style="${document.bodyStyle}">
        ${document.content}
      </body>
    </html>`;
}

const LETTER_STYLE = 'font-family:system-ui,Arial,sans-serif;color:#1b1f24;line-height:1.5;max-width:40em';

/** A letter: paragraphs in one readable column, as the applicant and invitee emails are written. */
export function letter(title: string, content: Html): string {
  return emailDocument({ title, bodyStyle: LETTER_STYLE, content }).value;
}

/** Text the inbox shows beside the subject, hidden in the message itself. */
const preheaderHtml = (text: string) =>
  html`<div style="display:none;max-height:0;overflow:hidden;opacity:0">${text}</div>`;

/**
 * A card of table rows, at most 600 px wide and shrinking to the screen, on a coloured page:
 * the shape of a report that mail clients without CSS still lay out.
 */
export function cardEmail(parts: { title: string; preheader: string; darkStyle: Html; rows: Html }): string {
  const card = layoutTable(parts.rows, {
    class: 'card',
    style: `max-width:600px;background:${colours.card};color:${colours.ink};${font};font-size:15px;line-height:1.45;text-align:left`,
  });
  const page = layoutTable(
    html`<tr>
      <td align="center" style="padding:12px 6px">${card}</td>
    </tr>`,
    { class: 'page', style: `background:${colours.page}` },
  );
  const document = emailDocument({
    title: parts.title,
    darkStyle: parts.darkStyle,
    bodyClass: 'page',
    bodyStyle: `margin:0;padding:0;background:${colours.page};${font}`,
    content: html`${preheaderHtml(parts.preheader)}${page}`,
  });
  // Indentation is bytes Gmail counts towards its clipping limit; no user text holds a line break.
  return document.value.replace(/\n\s+/g, '\n');
}
