/**
 * Competence centres as pure data: the slug a centre is known by (made from its name), the checks
 * a registration must pass, and finding a centre by what an administrator types (its name in any
 * case, or its slug). Stored by shared/adapters/store/centres.ts.
 */
import { isValidDate, isValidEmail } from './validation.ts';
import { normaliseEmail } from './tokens.ts';

export type Centre = {
  /** Made from the name once, at registration; stored in invitations and answers, never changed. */
  slug: string;
  /** The registered name, as the invitations and forms greet with it. */
  name: string;
  /** The Teknikcollege region's slug. */
  region: string;
  /** The day the centre was approved (YYYY-MM-DD, Stockholm). */
  approvedOn: string;
  /** The centre's contact address: personal data, erasable, never logged. */
  contact?: string;
  /** The application whose approval registered or linked the centre. */
  applicationId?: string;
};

export type Registration = Omit<Centre, 'applicationId'>;

/** What `skc centres add` and an approval give: raw text, checked by `checkRegistration`. */
export type RegistrationInput = {
  name?: string | undefined;
  region?: string | undefined;
  approvedOn?: string | undefined;
  contact?: string | undefined;
};

/** The one region lookup (surveys/regions.ts `findRegion`), passed in so this module stays data-free. */
export type RegionLookup = (
  input: string,
) => { ok: true; region: { slug: string } } | { ok: false; message: string };

const centreLimits = { name: 120, slug: 60 } as const;

// Control characters, line separators and bidirectional overrides (see invites.ts).
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

const fold = (value: string) => value.trim().normalize('NFC').toLocaleLowerCase('sv');

/**
 * The slug of a centre's name: lower case, Swedish letters without their marks, anything else a
 * single hyphen ("Additivt Teknikcenter i Hultsfred" → `additivt-teknikcenter-i-hultsfred`).
 */
export function centreSlug(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, centreLimits.slug)
    .replace(/^-+|-+$/g, '');
}

export type RegistrationCheck = { ok: true; centre: Registration } | { ok: false; message: string };

/**
 * Checks a registration and returns the centre to store, or every problem in one line. `today`
 * (Stockholm) bounds the approval date: a centre cannot have been approved in the future.
 */
export function checkRegistration(
  input: RegistrationInput,
  options: { findRegion: RegionLookup; today: string },
): RegistrationCheck {
  const problems: string[] = [];
  const name = (input.name ?? '').trim().replace(/\s+/g, ' ');
  const slug = centreSlug(name);
  if (!name) problems.push('--name is empty');
  else if (CONTROL.test(name)) problems.push('the name contains control characters');
  else if ([...name].length > centreLimits.name)
    problems.push(`the name is longer than ${centreLimits.name} characters`);
  else if (!slug) problems.push(`the name ${JSON.stringify(name)} has no letters or digits`);

  let region: string | undefined;
  if (!input.region?.trim()) problems.push('--region is empty');
  else {
    const found = options.findRegion(input.region);
    if (found.ok) region = found.region.slug;
    else problems.push(found.message);
  }

  const approvedOn = (input.approvedOn ?? '').trim();
  if (!approvedOn) problems.push('--approved-on is empty');
  else if (!isValidDate(approvedOn))
    problems.push(`--approved-on ${JSON.stringify(approvedOn.slice(0, 20))} is not a date (YYYY-MM-DD)`);
  else if (approvedOn > options.today)
    problems.push(`--approved-on ${approvedOn} is in the future (today is ${options.today})`);

  const contact = input.contact?.trim();
  if (contact !== undefined && !isValidEmail(contact))
    problems.push('--contact is not a valid email address');

  if (problems.length > 0 || region === undefined) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    centre: { slug, name, region, approvedOn, ...(contact && { contact: normaliseEmail(contact) }) },
  };
}

/** Whether two centre names are the same name, whatever their case. */
export function sameName(a: string, b: string): boolean {
  return fold(a) === fold(b);
}

/**
 * The centre an administrator means: by slug, or by its registered name in any case. A name
 * whose slug is taken counts as taken too, so two centres can never share a slug.
 */
export function findCentre<T extends Pick<Centre, 'slug' | 'name'>>(
  centres: readonly T[],
  nameOrSlug: string,
): T | undefined {
  const wanted = nameOrSlug.trim();
  return (
    centres.find((centre) => centre.slug === wanted.toLowerCase()) ??
    centres.find((centre) => sameName(centre.name, wanted))
  );
}
