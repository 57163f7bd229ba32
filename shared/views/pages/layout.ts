/**
 * The page frame shared by every hosted page: language, skip link, header, footer links to the
 * privacy notice and the accessibility statement, one inline stylesheet and one small script.
 * Both are inline and allowed by hash in the CSP, so a page makes no other request.
 */
import { createHash } from 'node:crypto';
import type { Lang, Text } from '../../core/definition.ts';
import { html, trusted, type Html } from '../html.ts';
import { pilot } from '../../../surveys/pilot.ts';

const STYLE = `
:root{--ink:#1b1f24;--muted:#4a5560;--line:#6b7580;--brand:#0b4f8a;--brand-dark:#083a66;--error:#b00020;--ok:#0b6e3a;--bg:#fff;--panel:#f3f5f7;--focus:#ffbf47}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.125rem/1.5 system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;color:var(--ink);background:var(--bg)}
a{color:var(--brand)}a:hover{color:var(--brand-dark)}
:focus-visible{outline:3px solid var(--focus);outline-offset:0;box-shadow:0 0 0 5px var(--ink)}
.skip{position:absolute;left:-9999px}.skip:focus{left:1rem;top:1rem;background:var(--focus);color:var(--ink);padding:.5rem 1rem;z-index:2}
.visually-hidden{position:absolute!important;width:1px;height:1px;margin:0;padding:0;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap;border:0}
header.site{background:var(--brand);color:#fff;padding:.75rem 1rem}header.site p{margin:0;font-weight:600;max-width:46rem;margin:auto}
.lang{max-width:46rem;margin:.5rem auto 0;padding:0 1rem;text-align:right}
main{max-width:46rem;margin:0 auto;padding:1rem 1rem 3rem}
h1,h2,legend,label,.question{overflow-wrap:break-word}
h1{font-size:1.5rem;line-height:1.2;margin:.5rem 0 1rem}h2{font-size:1.4rem;margin:2rem 0 .75rem}
.lead{font-size:1.2rem}.meta{color:var(--muted)}
footer.site{border-top:1px solid var(--line);padding:1rem;max-width:46rem;margin:0 auto;font-size:1rem}
footer.site a{margin-right:1.25rem;display:inline-block;padding:.25rem 0}
fieldset{border:0;margin:0;padding:0;min-width:0}
fieldset.section{margin-top:2.5rem}
legend{padding:0}
legend.section-title{font-size:1.4rem;font-weight:700;margin:0 0 1rem;padding-top:.5rem;border-top:3px solid var(--brand);width:100%}
.progress{display:block;font-size:1rem;font-weight:400;color:var(--muted)}
.field{margin:0 0 1.75rem}
.field.invalid{border-left:5px solid var(--error);padding-left:.9rem}
label,.question{display:block;font-weight:600;margin-bottom:.25rem}
.question{font-size:1.125rem}
.hint{color:var(--muted);margin:0 0 .5rem;font-weight:400}
.req{font-weight:400;color:var(--muted)}
.error{color:var(--error);font-weight:700;margin:.25rem 0 .5rem}
input[type=text],input[type=email],input[type=date],input[type=tel],input[type=url],select,textarea{font:inherit;width:100%;max-width:100%;padding:.5rem;border:2px solid var(--ink);border-radius:0;background:#fff;color:var(--ink)}
input.short{max-width:12rem}
textarea{min-height:8rem;resize:vertical}
.invalid input,.invalid select,.invalid textarea{border-color:var(--error);border-width:3px}
.choice{display:flex;align-items:flex-start;gap:.6rem;margin:.4rem 0}
.choice input{width:1.6rem;height:1.6rem;margin:.1rem 0 0;flex:none;accent-color:var(--brand)}
.choice label{font-weight:400;margin:0}
.scale{display:flex;flex-wrap:wrap;gap:.25rem .9rem}
.scale .choice{margin:.25rem 0}
.scale.labelled{display:block}.scale.labelled .choice{margin:.6rem 0}
.row{margin:.75rem 0 1rem;padding:.5rem 0;border-bottom:1px solid #d0d5da}
.row legend{font-weight:600}
.item{background:var(--panel);padding:1rem;margin:0 0 1rem}
.item legend{font-weight:700;font-size:1.2rem;float:left;width:100%;margin-bottom:.5rem}
.item legend + *{clear:both}
button{font:inherit;font-weight:600;cursor:pointer;border:2px solid transparent;padding:.6rem 1.2rem;border-radius:0}
button.primary{background:var(--ok);color:#fff;box-shadow:0 3px 0 #003d1f;margin-top:1rem}
button.secondary{background:var(--panel);color:var(--ink);border-color:var(--ink)}
button.link{background:none;border:0;padding:.25rem 0;color:var(--brand);text-decoration:underline;font-weight:400}
.error-summary{border:5px solid var(--error);padding:1rem;margin:0 0 2rem}.error-summary:focus{outline:3px solid var(--focus);box-shadow:none}
.error-summary h2{margin-top:0}
.error-summary a{color:var(--error);font-weight:700}
.panel{border:5px solid var(--ok);padding:1.25rem;margin:1rem 0 2rem}
.panel .reference{font-size:1.6rem;font-weight:700;letter-spacing:.05em;word-break:break-all}
.notice{background:var(--panel);padding:1rem;border-left:5px solid var(--brand)}
nav.toc ol{padding-left:1.25rem}
@media (min-width:40rem){h1{font-size:2.3rem}.scale.labelled{display:grid;grid-auto-flow:column;grid-auto-columns:1fr;gap:.75rem}.scale.labelled .choice{flex-direction:column;gap:.3rem}}
`;

/**
 * Focuses the error summary (and the field a summary link names); keeps unsent answers in
 * localStorage. A draft fills only a fresh form: a form the server sent back (errors, a course
 * added or removed) shows the server's answers, which become the draft. Hidden inputs are left
 * out, so a reload is a new submission.
 */
const SCRIPT = `
(function(){
var summary=document.querySelector('.error-summary');
if(summary){
summary.focus();
summary.addEventListener('click',function(event){
var link=event.target.closest('a[href^="#"]');
var input=link&&document.getElementById(link.getAttribute('href').slice(1));
if(!input){return;}
event.preventDefault();
(input.closest('fieldset.row,.field')||input).scrollIntoView();
input.focus({preventScroll:true});
});
}
var form=document.querySelector('form[data-draft]');
if(form){
var key='skc-draft:'+form.getAttribute('data-draft');
var fields=function(){return Array.prototype.filter.call(form.elements,function(e){return e.name&&e.type!=='hidden'&&e.type!=='submit';});};
var save=function(){var d={};fields().forEach(function(e){if(e.type==='radio'||e.type==='checkbox'){if(e.checked){(d[e.name]=d[e.name]||[]).push(e.value);}}else{d[e.name]=[e.value];}});try{localStorage.setItem(key,JSON.stringify(d));}catch(x){}};
if(form.hasAttribute('data-draft-restore')){try{var d=JSON.parse(localStorage.getItem(key)||'null');if(d){fields().forEach(function(e){var v=d[e.name];if(!v){return;}if(e.type==='radio'||e.type==='checkbox'){e.checked=v.indexOf(e.value)>=0;}else{e.value=v[0];}});}}catch(x){}}else{save();}
form.addEventListener('input',save);form.addEventListener('change',save);
}
var done=document.querySelector('[data-clear-draft]');
if(done){try{localStorage.removeItem('skc-draft:'+done.getAttribute('data-clear-draft'));}catch(x){}}
})();
`;

const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;

/** Only our own inline stylesheet and script may run; forms post only to us; no framing. */
export const pagePolicy = [
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
        <footer class="site">
          <a href="/privacy${lang === 'en' ? '?lang=en' : ''}">${chrome.privacy[lang]}</a>
          <a href="/accessibility${lang === 'en' ? '?lang=en' : ''}">${chrome.accessibility[lang]}</a>
        </footer>
        ${scriptElement}
      </body>
    </html> `;
  return { body: page.value, policy: pagePolicy };
}

/** A URL with `lang=en` set or removed (Swedish is the default). */
export function withLang(path: string, params: Record<string, string | undefined>, lang: Lang): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
