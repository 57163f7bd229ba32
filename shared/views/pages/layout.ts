/**
 * The page frame shared by every hosted page: language, skip link, header, footer links to the
 * privacy notice and the accessibility statement, one inline stylesheet and one small script.
 * Both are inline and allowed by hash in the CSP, so a page makes no other request.
 */
import { createHash } from 'node:crypto';
import type { Lang, Text } from '../../core/definition.ts';
import { link } from '../../core/links.ts';
import { html, trusted, type Html } from '../html.ts';
import { pilot } from '../../../surveys/pilot.ts';
import { assets } from '#assets';

// The stylesheet and the script live in shared/views/assets/ (page.css, page.js), where lint and
// the formatter see them; their exact text is what the CSP hashes below allow.
const STYLE = assets.pageStyle;
const SCRIPT = assets.pageScript;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only our own inline stylesheet and script may run; forms post only to us; no framing. */
const pagePolicy = [
  "default-src 'none'",
  `style-src ${hash(STYLE)}`,
  `script-src ${hash(SCRIPT)}`,
  "img-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

// Built outside the `html` template: the CSP hash covers the element's exact text, and a
// formatter re-indenting a template would silently block the stylesheet and the script.
const styleElement = trusted(`<style>${STYLE}</style>`);
const scriptElement = trusted(`<script>${SCRIPT}</script>`);

export type Page = { body: string; policy: string };

const chrome = {
  skip: { sv: 'Hoppa till innehållet', en: 'Skip to content' },
  site: { sv: 'Teknikcollege', en: 'Teknikcollege' },
  privacy: { sv: 'Så behandlar vi personuppgifter', en: 'How we handle personal data' },
  accessibility: { sv: 'Tillgänglighetsredogörelse', en: 'Accessibility statement' },
  switchTo: { sv: 'In English', en: 'På svenska' },
} satisfies Record<string, Text>;

export type LayoutOptions = {
  lang: Lang;
  title: string;
  content: Html;
  /** The same page in the other language (a relative URL), when there is one. */
  otherLanguage?: string;
};

export function layout({ lang, title, content, otherLanguage }: LayoutOptions): Page {
  const other: Lang = lang === 'sv' ? 'en' : 'sv';
  const page = html`<!doctype html>
    <html lang="${lang}">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="no-referrer" />
        <link rel="icon" href="data:," />
        <title>${title}</title>
        ${styleElement}
      </head>
      <body>
        <a class="skip" href="#main">${chrome.skip[lang]}</a>
        <header class="site"><p>${chrome.site[lang]} · ${pilot.name[lang]}</p></header>
        ${otherLanguage ? html`<p class="lang"><a href="${otherLanguage}" lang="${other}" hreflang="${other}">${chrome.switchTo[lang]}</a></p>` : ''}
        <main id="main" tabindex="-1">${content}</main>
        <footer class="site">${serviceLinks(lang).map((anchor) => html`${anchor} `)}</footer>
        ${scriptElement}
      </body>
    </html> `;
  return { body: page.value, policy: pagePolicy };
}

/** The links every page's footer carries, and the home page lists: privacy and accessibility. */
export function serviceLinks(lang: Lang): Html[] {
  return (['privacy', 'accessibility'] as const).map(
    (page) => html`<a href="${link(page, {}, { lang })}">${chrome[page][lang]}</a>`,
  );
}
