/**
 * The parts mail is built from: tables for layout (mail clients strip SVG, images and scripts),
 * bars drawn as table cells with inline CSS, a table of labelled figures, section headings. Colours
 * read on light and dark backgrounds.
 */
import { html, type Html } from '../html.ts';

/** A labelled figure: "Svar hittills — 12 (förra veckan 10)". */
export type Figure = { label: string; value: string; note?: string };

export const colours = {
  page: '#eef1f4',
  card: '#ffffff',
  ink: '#1f2933',
  muted: '#52606d',
  line: '#d9dee4',
  bar: '#2f6fb0',
  track: '#dfe4ea',
  promoter: '#2e7d4f',
  passive: '#8a96a3',
  detractor: '#c0462f',
};

export const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";

function barHtml(share: number, colour = colours.bar): Html {
  const width = share <= 0 ? 0 : Math.max(1, Math.min(100, Math.round(share * 100)));
  // The width attribute as well as the style: Outlook's Word engine reads only the attribute.
  const cell = (cls: string, style: string, percent?: number) =>
    html`<td
      class="${cls}"
      ${percent === undefined ? '' : html`width="${percent}%"`}
      height="10"
      style="${style};height:10px;font-size:0;line-height:0"
    >
      &nbsp;
    </td>`;
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    <tr>
      ${[
        width > 0 ? cell('bar', `width:${width}%;background:${colour}`, width) : '',
        width < 100 ? cell('track', `background:${colours.track}`) : '',
      ]}
    </tr>
  </table>`;
}

/** One labelled bar per row, its figure on the right: the shape of every chart in the digest. */
export function barTable(rows: { label: string; figure: Html; share: number }[]): Html {
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    ${rows.map(
      (row) =>
        html`<tr>
            <td style="padding:6px 0 2px;font-size:14px">${row.label}</td>
            <td align="right" valign="bottom" style="padding:6px 0 2px 8px;white-space:nowrap;font-size:14px">
              ${row.figure}
            </td>
          </tr>
          <tr>
            <td colspan="2">${barHtml(row.share)}</td>
          </tr>`,
    )}
  </table>`;
}

export function figuresHtml(figures: Figure[]): Html {
  return html`<table
    role="presentation"
    width="100%"
    cellpadding="0"
    cellspacing="0"
    style="border-collapse:collapse"
  >
    ${figures.map(
      (figure) =>
        html`<tr>
          <td class="rule" style="padding:8px 0;border-bottom:1px solid ${colours.line};vertical-align:top">
            ${figure.label}${figure.note ? html`<br /><span class="muted" style="font-size:13px;color:${colours.muted}">${figure.note}</span>` : ''}
          </td>
          <td
            class="rule"
            align="right"
            style="padding:8px 0 8px 12px;border-bottom:1px solid ${colours.line};vertical-align:top;white-space:nowrap;font-size:20px"
          >
            <strong>${figure.value}</strong>
          </td>
        </tr>`,
    )}
  </table>`;
}

export function section(content: Html): Html {
  return html`<tr>
    <td class="rule" style="padding:20px 20px;border-top:1px solid ${colours.line}">${content}</td>
  </tr>`;
}

export const h2 = (text: string) =>
  html`<h2 style="margin:0 0 10px;font-size:19px;line-height:1.3">${text}</h2>`;
export const h3 = (text: string) =>
  html`<h3 style="margin:18px 0 4px;font-size:15px;line-height:1.35">${text}</h3>`;
