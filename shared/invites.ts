/**
 * Invitations to the value surveys as pure functions: the invitation list (CSV) read and checked
 * as a whole before anything is stored or sent, and the invitation and reminder emails.
 */
import { parse } from 'csv-parse/sync';
import { pilot } from '../surveys/pilot.ts';
import { findRegion } from '../surveys/regions.ts';
import type { Lang, Survey, Text } from './definition.ts';
import { isValidEmail } from './validation.ts';
import { html, type Html } from './html.ts';
import { normaliseEmail } from './tokens.ts';

export type InviteRow = {
  /** The row's first line in the file (the header is line 1). */
  line: number;
  email: string;
  organisation: string;
  /** A Teknikcollege region's slug. */
  region: string;
  name?: string;
};

export type RowProblem = { line: number; message: string };

export type InviteList = { ok: true; rows: InviteRow[] } | { ok: false; problems: RowProblem[] };

export const inviteLimits = { email: 254, organisation: 200, name: 200, rows: 20_000 } as const;

const REQUIRED_COLUMNS = ['email', 'organisation', 'region'] as const;
const COLUMNS = [...REQUIRED_COLUMNS, 'name'] as const;
type Column = (typeof COLUMNS)[number];

// Control characters (C0, DEL, C1), line and paragraph separators, and bidirectional overrides,
// which could make an organisation's name display as something else in the emails.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/**
 * Reads an invitation list: a header row naming the columns `email,organisation,region[,name]`
 * (any order; `region` is a Teknikcollege region's name in any case, or its slug), then one
 * invitee per row. Every problem is reported with its line number; the list
 * is usable only when there are none. Swedish Excel saves CSV with semicolons: a header with
 * semicolons and no commas switches the delimiter.
 */
export function parseInviteList(text: string): InviteList {
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = firstLine.includes(';') && !firstLine.includes(',') ? ';' : ',';
  let records: { info: { lines: number }; record: string[] }[];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as { info: { lines: number }; record: string[] }[];
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1;
    return { ok: false, problems: [{ line, message: `the file is not valid CSV: ${csvReason(error)}` }] };
  }
  const [header, ...body] = records;
  if (!header) return { ok: false, problems: [{ line: 1, message: 'the file is empty' }] };

  const headerLine = startLine(header);
  const columns = header.record.map((name) => name.trim().toLowerCase());
  const problems: RowProblem[] = [];
  const unknown = columns.filter((name) => !(COLUMNS as readonly string[]).includes(name));
  const missing = REQUIRED_COLUMNS.filter((name) => !columns.includes(name));
  const repeated = columns.filter((name, index) => columns.indexOf(name) !== index);
  if (unknown.length || missing.length || repeated.length) {
    const parts = [
      missing.length && `missing ${missing.join(', ')}`,
      unknown.length && `unknown ${unknown.map((name) => JSON.stringify(name)).join(', ')}`,
      repeated.length && `repeated ${repeated.join(', ')}`,
    ].filter(Boolean);
    problems.push({
      line: headerLine,
      message: `the first row must name the columns email,organisation,region and optionally name (${parts.join('; ')})`,
    });
    return { ok: false, problems };
  }
  if (body.length === 0)
    return { ok: false, problems: [{ line: headerLine, message: 'no invitees below the header row' }] };
  if (body.length > inviteLimits.rows)
    return {
      ok: false,
      problems: [
        {
          line: headerLine,
          message: `${body.length} rows; split the list into files of at most ${inviteLimits.rows}`,
        },
      ],
    };

  const index = Object.fromEntries(columns.map((name, position) => [name, position])) as Record<
    Column,
    number
  >;
  const seen = new Map<string, number>();
  const rows: InviteRow[] = [];
  for (const { info, record } of body) {
    const line = startLine({ info, record });
    const rowProblems: string[] = [];
    if (record.length > columns.length)
      rowProblems.push(`${record.length} columns, but the header has ${columns.length}`);
    const cell = (column: Column) =>
      index[column] === undefined ? '' : (record[index[column]] ?? '').trim();

    const email = cell('email');
    if (!email) rowProblems.push('email is empty');
    else if (CONTROL.test(email)) rowProblems.push('email contains control characters');
    else if (email.length > inviteLimits.email)
      rowProblems.push(`email is longer than ${inviteLimits.email} characters`);
    else if (!isValidEmail(email)) rowProblems.push(`email ${JSON.stringify(email)} is not a valid address`);
    else {
      const first = seen.get(normaliseEmail(email));
      if (first !== undefined) rowProblems.push(`email ${email} is already on line ${first}`);
      else seen.set(normaliseEmail(email), line);
    }

    const organisation = cell('organisation');
    rowProblems.push(...textProblems('organisation', organisation, inviteLimits.organisation, true));

    // A Teknikcollege region by name or slug, stored as its slug; counties are no longer taken.
    let region = '';
    if (!cell('region')) rowProblems.push('region is empty');
    else {
      const found = findRegion(cell('region'));
      if (found.ok) region = found.region.slug;
      else rowProblems.push(found.message);
    }

    const name = cell('name');
    rowProblems.push(...textProblems('name', name, inviteLimits.name, false));

    for (const message of rowProblems) problems.push({ line, message });
    if (rowProblems.length === 0)
      rows.push({ line, email: normaliseEmail(email), organisation, region, ...(name && { name }) });
  }
  return problems.length ? { ok: false, problems } : { ok: true, rows };
}

function textProblems(column: string, value: string, max: number, required: boolean): string[] {
  if (!value) return required ? [`${column} is empty`] : [];
  if (CONTROL.test(value)) return [`${column} contains control characters`];
  if ([...value].length > max) return [`${column} is longer than ${max} characters`];
  return [];
}

/** A quoted field may span lines; the row is reported where it starts. */
function startLine({ info, record }: { info: { lines: number }; record: string[] }): number {
  const breaks = record.reduce((count, field) => count + (field.match(/\n/g)?.length ?? 0), 0);
  return info.lines - breaks;
}

function csvReason(error: unknown): string {
  const code = (error as { code?: string }).code;
  if (code === 'CSV_QUOTE_NOT_CLOSED') return 'a quoted field is never closed';
  if (code === 'CSV_INVALID_CLOSING_QUOTE') return 'a quote is followed by more text in the same field';
  return ((error as Error).message ?? String(error)).split('\n')[0]!;
}

/** The personal link in an invitation: the hosted form with the token. */
export function personalLink(publicUrl: string, surveyId: string, token: string, lang: Lang = 'sv'): string {
  const base = `${publicUrl.replace(/\/+$/, '')}/forms/${encodeURIComponent(surveyId)}?token=${encodeURIComponent(token)}`;
  return lang === 'en' ? `${base}&lang=en` : base;
}

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
  organisation: string;
  name?: string;
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
  const { survey, organisation } = input;
  const title = survey.title[lang];
  const by = answerBy(survey)?.[lang];
  const sv = lang === 'sv';
  const greeting = input.name ? (sv ? `Hej ${input.name}!` : `Hello ${input.name},`) : sv ? 'Hej!' : 'Hello,';
  const lead =
    input.kind === 'invitation'
      ? sv
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
  const regards = sv
    ? `Med vänliga hälsningar\nTeknikcollege, ${pilot.name.sv}`
    : `Kind regards\nTeknikcollege, ${pilot.name.en}`;
  return { greeting, lead, time, call, personal, privacy, regards };
}

/** The invitation or reminder email: Swedish first, then English, each with the personal link. */
export function invitationMail(input: InvitationInput): InvitationMail {
  const { survey, publicUrl } = input;
  const privacyUrl = (lang: Lang) =>
    `${publicUrl.replace(/\/+$/, '')}/privacy${lang === 'en' ? '?lang=en' : ''}`;
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
  const page = html`<!doctype html>
    <html lang="sv">
      <head>
        <meta charset="utf-8" />
        <title>${subject}</title>
      </head>
      <body style="font-family:Arial,Helvetica,sans-serif;line-height:1.5;color:#1b1f24;max-width:40em">
        ${section(swedish!)}
        <hr />
        ${section(english!)}
      </body>
    </html>`;
  return { subject, text, html: page.value };
}

const BUTTON =
  'display:inline-block;padding:0.6em 1.2em;background:#0b4f8a;color:#ffffff;text-decoration:none;border-radius:4px;font-weight:bold';

/**
 * Whether SES answered and refused this one message (a bad address, say), as opposed to being
 * unreachable or throttling: a refusal fails one row, an outage stops the run.
 */
export function isRefusedMail(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string; $metadata?: { httpStatusCode?: number } } }).cause;
  const status = cause?.$metadata?.httpStatusCode;
  if (status === undefined || status < 400 || status >= 500 || status === 429) return false;
  return !/throttl|limit/i.test(cause?.name ?? '');
}
