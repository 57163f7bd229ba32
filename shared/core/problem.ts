/**
 * Expected failures of the public API, each with its contract status, in one place. Handlers
 * throw or return a Problem; one middleware turns it into the contract's JSON (or an HTML page).
 */
import type { Lang, Text } from './definition.ts';
import type { ValidationIssue } from './validation.ts';

export const problemStatus = {
  bad_request: 400,
  validation: 400,
  forbidden: 403,
  cross_site: 403,
  not_found: 404,
  conflict: 409,
  already_answered: 409,
  closed: 410,
  erased: 410,
  too_large: 413,
  unsupported_media_type: 415,
  unavailable: 503,
} as const;

export type ProblemCode = keyof typeof problemStatus;

/** Seconds a client should wait before retrying when storage is unavailable. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * A 400 lists the first issues only, and counts the rest in `more`: a body of 30,000 bad items
 * would otherwise answer megabytes, and past Lambda's 6 MB response limit a 500.
 */
export const MAX_LISTED_ISSUES = 50;

export class Problem extends Error {
  override name = 'Problem';
  readonly code: ProblemCode;
  readonly text: Text;
  readonly issues: ValidationIssue[] | undefined;
  /** Issues found beyond the listed ones. */
  readonly more: number;
  constructor(code: ProblemCode, text: Text, options?: { issues?: ValidationIssue[]; cause?: unknown }) {
    super(text.en, options?.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.text = text;
    this.issues = options?.issues?.slice(0, MAX_LISTED_ISSUES);
    this.more = Math.max(0, (options?.issues?.length ?? 0) - MAX_LISTED_ISSUES);
  }
  get status(): number {
    return problemStatus[this.code];
  }
  body(lang: Lang): Record<string, unknown> {
    if (this.code === 'validation')
      return { error: this.code, issues: this.issues ?? [], ...(this.more > 0 && { more: this.more }) };
    return { error: this.code, message: this.text[lang] };
  }
}

export const problems = {
  notFound: () =>
    new Problem('not_found', {
      sv: 'Det finns ingen enkät med det namnet. Kontrollera länken.',
      en: 'There is no survey with that name. Check the link.',
    }),
  unsupportedMediaType: () =>
    new Problem('unsupported_media_type', {
      sv: 'Skicka svaret som application/json eller application/x-www-form-urlencoded (UTF-8).',
      en: 'Send the answers as application/json or application/x-www-form-urlencoded (UTF-8).',
    }),
  tooLarge: (limit: number) =>
    new Problem('too_large', {
      sv: `Svaret är större än ${limit / 1024} KiB. Korta ner de längsta texterna och försök igen.`,
      en: `The submission is larger than ${limit / 1024} KiB. Shorten the longest texts and try again.`,
    }),
  badRequest: (text: Text) => new Problem('bad_request', text),
  validation: (issues: ValidationIssue[]) =>
    new Problem(
      'validation',
      { sv: 'Några svar behöver rättas.', en: 'Some answers need to be corrected.' },
      { issues },
    ),
  conflict: () =>
    new Problem('conflict', {
      sv: 'Det här inskicket finns redan med andra svar. Ladda om formuläret för att skicka nya svar.',
      en: 'This submission already exists with different answers. Reload the form to send new answers.',
    }),
  alreadyAnswered: () =>
    new Problem('already_answered', {
      sv: 'Den här inbjudan är redan besvarad. Tack för ditt svar!',
      en: 'This invitation has already been answered. Thank you for your answers!',
    }),
  forbidden: (reason: 'missing' | 'unknown' | 'foreign') => new Problem('forbidden', forbiddenText[reason]),
  crossSite: () =>
    new Problem('cross_site', {
      sv: 'Svaret skickades från en annan webbplats än enkätens och togs inte emot. Öppna formuläret via länken du fått och skicka det därifrån.',
      en: 'The answers were sent from another website than the survey’s and were not accepted. Open the form through the link you were given and send it from there.',
    }),
  erased: () =>
    new Problem('erased', {
      sv: 'Uppgifterna i det här inskicket har raderats på begäran och kan inte visas eller skickas in igen.',
      en: 'The data of this submission has been erased on request and cannot be shown or sent again.',
    }),
  closed: () =>
    new Problem('closed', {
      sv: 'Enkäten är inte öppen för svar just nu.',
      en: 'The survey is not open for answers right now.',
    }),
  unavailable: (cause?: unknown) =>
    new Problem(
      'unavailable',
      {
        sv: 'Vi kan inte spara svar just nu. Inget har sparats. Försök igen om en liten stund.',
        en: 'We cannot store answers right now. Nothing was stored. Please try again in a moment.',
      },
      { cause },
    ),
};

const forbiddenText: Record<'missing' | 'unknown' | 'foreign', Text> = {
  missing: {
    sv: 'Den här enkäten besvaras via en personlig länk. Använd länken i din inbjudan.',
    en: 'This survey is answered through a personal link. Use the link in your invitation.',
  },
  unknown: {
    sv: 'Länken känns inte igen. Kontrollera att du har kopierat hela länken från din inbjudan.',
    en: 'The link is not recognised. Check that you copied the whole link from your invitation.',
  },
  foreign: {
    sv: 'Länken hör till en annan enkät. Använd länken i inbjudan till den här enkäten.',
    en: 'The link belongs to another survey. Use the link in the invitation to this survey.',
  },
};
