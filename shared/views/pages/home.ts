/**
 * The landing page at `/`: the surveys with links to their forms, the privacy and accessibility
 * pages, and (locally only) SES local's mail viewer.
 */
import type { Lang, Survey, Text } from '../../core/definition.ts';
import { html } from '../html.ts';
import { pilot } from '../../../surveys/pilot.ts';
import { link } from '../../core/links.ts';
import { layout, serviceLinks, type Page } from './layout.ts';

const copy = {
  title: { sv: 'Enkäter och formulär', en: 'Surveys and forms' },
  lead: {
    sv: 'Här svarar kompetenscentrum, samverkansföretag och regionala styrgrupper på pilotens enkäter.',
    en: "Competence centres, partner companies and regional steering groups answer the pilot's surveys here.",
  },
  surveys: { sv: 'Enkäter', en: 'Surveys' },
  personal: {
    sv: 'Besvaras via den personliga länken i er inbjudan (e-post). Länken här fungerar inte utan den.',
    en: 'Answered through the personal link in your invitation (email); the link here does not work without it.',
  },
  open: { sv: 'Öppen för alla som ansöker.', en: 'Open to everyone who applies.' },
  local: { sv: 'På den här datorn', en: 'On this computer' },
  mailViewer: { sv: 'E-post som skickats (SES local)', en: 'Mail sent (SES local)' },
  mailViewerHint: {
    sv: 'All e-post som den lokala miljön har skickat: bekräftelser, inbjudningar och veckorapporter.',
    en: 'Every email the local stack has sent: confirmations, invitations and weekly digests.',
  },
  about: { sv: 'Om tjänsten', en: 'About this service' },
} satisfies Record<string, Text>;

export type HomeOptions = {
  lang: Lang;
  surveys: readonly Pick<Survey, 'id' | 'title' | 'access'>[];
  /** SES local's mail viewer; given only when running locally, never on AWS. */
  mailViewer?: string;
};

export function homePage({ lang, surveys, mailViewer }: HomeOptions): Page {
  const content = html`<h1>${copy.title[lang]}</h1>
    <p class="lead">${copy.lead[lang]}</p>
    <p class="meta">${pilot.name[lang]}</p>
    <h2>${copy.surveys[lang]}</h2>
    <ul>
      ${surveys.map(
        (survey) =>
          html`<li>
            <a href="${link('form', { id: survey.id }, { lang })}">${survey.title[lang]}</a><br />
            <span class="meta">${survey.access === 'invite' ? copy.personal[lang] : copy.open[lang]}</span>
          </li>`,
      )}
    </ul>
    ${
      mailViewer
        ? html`<h2>${copy.local[lang]}</h2>
            <p><a href="${mailViewer}">${copy.mailViewer[lang]}</a><br />${copy.mailViewerHint[lang]}</p>`
        : ''
    }
    <h2>${copy.about[lang]}</h2>
    <ul>
      ${serviceLinks(lang).map((anchor) => html`<li>${anchor}</li>`)}
    </ul>`;
  return layout({ lang, title: copy.title[lang], content, otherLanguage: lang === 'sv' ? '/?lang=en' : '/' });
}
