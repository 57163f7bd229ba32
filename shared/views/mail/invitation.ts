/**
 * The invitation and reminder emails of the value surveys: the personal link, what the survey is
 * for, how long it takes and when it closes, in Swedish with English below.
 */
import { pilot } from '../../../surveys/pilot.ts';
import type { Lang, Survey, Text } from '../../core/definition.ts';
import { personalLink } from '../../core/invites.ts';
import { letter } from '../components/email-layout.ts';
import { html, type Html } from '../html.ts';
import { link } from '../../core/links.ts';

const swedishTime = (lang: Lang, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat(lang === 'sv' ? 'sv-SE' : 'en-GB', { timeZone: pilot.timeZone, ...options });

/**
 * The last moment to answer, in words, Stockholm time. A survey that closes at midnight is open
 * the whole day before, so that day is named ("senast den 30 juni 2027").
 */
export function answerBy(survey: Survey): Text | undefined {
  if (!survey.closesAt) return undefined;
  const closes = new Date(survey.closesAt);
  const time = swedishTime('sv', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(closes);
  const byDay = time === '00:00';
  const day = byDay ? new Date(closes.getTime() - 1) : closes;
  const date = (lang: Lang) =>
    swedishTime(lang, { day: 'numeric', month: 'long', year: 'numeric' }).format(day);
  if (byDay) return { sv: `senast den ${date('sv')}`, en: `by ${date('en')}` };
  const clock = (lang: Lang) =>
    swedishTime(lang, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(closes);
  return {
    sv: `senast den ${date('sv')} kl. ${clock('sv').replace(':', '.')}`,
    en: `by ${date('en')} at ${clock('en')} (Swedish time)`,
  };
}

export type InvitationKind = 'invitation' | 'reminder';

export type InvitationInput = {
  kind: InvitationKind;
  survey: Survey;
  /** Whom it goes to, as the invitation list gave them (an invitee record fits as it is). */
  to: {
    organisation: string;
    name?: string | undefined;
    /** The registered name of the centre on whose behalf the invitation goes out. */
    centreName?: string | undefined;
  };
  token: string;
  publicUrl: string;
};

export type InvitationMail = { subject: string; text: string; html: string };

/** Fixed text and the survey's title only: nothing from the invitation list reaches a header. */
export function invitationSubject(kind: InvitationKind, survey: Survey): string {
  return kind === 'invitation'
    ? `Inbjudan: ${survey.title.sv} (Invitation to a survey)`
    : `Påminnelse: ${survey.title.sv} (Reminder: survey)`;
}

type Paragraphs = {
  greeting: string;
  lead: string;
  time: string;
  call: string;
  personal: string;
  privacy: string;
  regards: string;
};

function paragraphs(input: InvitationInput, lang: Lang): Paragraphs {
  const { survey } = input;
  const { organisation, name, centreName: centre } = input.to;
  const title = survey.title[lang];
  const by = answerBy(survey)?.[lang];
  const sv = lang === 'sv';
  const greeting = name ? (sv ? `Hej ${name}!` : `Hello ${name},`) : sv ? 'Hej!' : 'Hello,';
  const lead =
    input.kind === 'invitation'
      ? centre
        ? sv
          ? `${centre} bjuder in ${organisation} att svara på enkäten ”${title}”.`
          : `${centre} invites ${organisation} to answer the survey “${title}”.`
        : sv
          ? `${organisation} är inbjuden att svara på enkäten ”${title}”.`
          : `${organisation} is invited to answer the survey “${title}”.`
      : sv
        ? `Det här är en påminnelse om enkäten ”${title}”. Vi har ännu inte fått något svar från ${organisation}, och varje svar räknas.`
        : `This is a reminder about the survey “${title}”. We have not yet received an answer from ${organisation}, and every answer counts.`;
  const minutes = sv
    ? `Det tar ungefär ${survey.minutes} minuter.`
    : `It takes about ${survey.minutes} minutes.`;
  const time = by ? `${minutes} ${sv ? `Svara ${by}.` : `Please answer ${by}.`}` : minutes;
  const call = sv ? 'Svara på enkäten' : 'Answer the survey';
  const personal = sv
    ? `Länken är personlig för ${organisation} och kan användas för ett svar. Vidarebefordra den inte.`
    : `The link is personal to ${organisation} and can be used for one answer. Please do not forward it.`;
  const privacy = sv ? 'Så behandlar vi personuppgifter:' : 'How we handle personal data:';
  const sender = centre ? `${centre} ${sv ? 'och' : 'and'} Teknikcollege` : 'Teknikcollege';
  const regards = sv
    ? `Med vänliga hälsningar\n${sender}, ${pilot.name.sv}`
    : `Kind regards\n${sender}, ${pilot.name.en}`;
  return { greeting, lead, time, call, personal, privacy, regards };
}

/** The invitation or reminder email: Swedish first, then English, each with the personal link. */
export function invitationMail(input: InvitationInput): InvitationMail {
  const { survey, publicUrl } = input;
  const privacyUrl = (lang: Lang) => link('privacy', {}, { base: publicUrl, lang });
  const sections = (['sv', 'en'] as const).map((lang) => ({
    lang,
    words: paragraphs(input, lang),
    description: survey.description?.[lang],
    link: personalLink(publicUrl, survey.id, input.token, lang),
    privacyUrl: privacyUrl(lang),
  }));
  const subject = invitationSubject(input.kind, survey);

  const text = sections
    .map(({ lang, words, description, link, privacyUrl: privacy }) =>
      [
        lang === 'en' ? '--- In English ---' : undefined,
        words.greeting,
        words.lead,
        description,
        words.time,
        `${words.call}:\n${link}`,
        words.personal,
        `${words.privacy} ${privacy}`,
        words.regards,
      ]
        .filter(Boolean)
        .join('\n\n'),
    )
    .join('\n\n');

  const section = ({
    lang,
    words,
    description,
    link,
    privacyUrl: privacy,
  }: (typeof sections)[number]): Html =>
    html`<div lang="${lang}">
      <p>${words.greeting}</p>
      <p>${words.lead}</p>
      ${description ? html`<p>${description}</p>` : ''}
      <p>${words.time}</p>
      <p><a href="${link}" style="${BUTTON}">${words.call}</a></p>
      <p style="font-size:0.9em">${link}</p>
      <p>${words.personal}</p>
      <p style="font-size:0.9em">${words.privacy} <a href="${privacy}">${privacy}</a></p>
      <p>${words.regards.split('\n').map((line, index) => (index ? html`<br />${line}` : line))}</p>
    </div>`;
  const [swedish, english] = sections;
  const page = letter(
    subject,
    html`${section(swedish!)}
      <hr />
      ${section(english!)}`,
  );
  return { subject, text, html: page };
}
const BUTTON =
  'display:inline-block;padding:0.6em 1.2em;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';
