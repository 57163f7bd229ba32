/**
 * `skc centres [--json]` lists the registered centres with their partner companies invited and
 * answered; `skc centres add --name N --region R --approved-on YYYY-MM-DD [--contact EMAIL]`
 * registers one. A refused registration is one line and exit 1, with nothing written.
 */
import { localDate } from '../../shared/core/calendar.ts';
import { checkRegistration, sameName } from '../../shared/core/centres.ts';
import {
  addCentre,
  findCentreByName,
  getCentre,
  listCentres,
  readCentreCounters,
} from '../../shared/adapters/store/centres.ts';
import { findRegion, regionLabel as regionName } from '../../surveys/regions.ts';
import { CommandError, UsageError, type Command, type Context } from '../command.ts';

/** The survey whose invitees are a centre's partner companies. */
const PARTNER_SURVEY = 'company-value';

const usage =
  'centres [--json] | centres add --name NAME --region REGION --approved-on YYYY-MM-DD [--contact EMAIL]';

export const command: Command = {
  usage,
  summary: 'lists the registered centres, or registers one with "centres add"',
  options: {
    json: { type: 'boolean', description: 'the listing as JSON' },
    name: { type: 'string', description: 'add: the centre’s name (its slug is made from it)' },
    region: { type: 'string', description: 'add: its Teknikcollege region, by name or slug' },
    'approved-on': { type: 'string', description: 'add: the approval date, YYYY-MM-DD' },
    contact: { type: 'string', description: 'add: the centre’s contact email (personal data)' },
  },
  async run({ values, positionals }, context) {
    const [action, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (action === 'add') return add(values, context);
    if (action !== undefined)
      throw new UsageError(`unknown action "${action}"; use skc centres or skc centres add`);
    const misplaced = ['name', 'region', 'approved-on', 'contact'].filter(
      (name) => values[name] !== undefined,
    );
    if (misplaced.length > 0) throw new UsageError(`--${misplaced[0]} belongs to skc centres add`);
    return list(Boolean(values.json), context);
  },
};

async function add(values: Record<string, string | boolean | undefined>, context: Context): Promise<void> {
  if (values.json) throw new UsageError('--json belongs to the listing, not to skc centres add');
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string) : undefined);
  for (const name of ['name', 'region', 'approved-on'])
    if (text(name) === undefined) throw new UsageError(`--${name} is required`);
  const check = checkRegistration(
    { name: text('name'), region: text('region'), approvedOn: text('approved-on'), contact: text('contact') },
    { findRegion, today: localDate(context.now()) },
  );
  if (!check.ok) throw new CommandError(`${check.message}; nothing was registered`);
  const { centre } = check;
  const existing =
    (await findCentreByName(context.db, centre.name)) ??
    ((await addCentre(context.db, centre)) === 'exists'
      ? await getCentre(context.db, centre.slug)
      : undefined);
  if (existing)
    throw new CommandError(
      sameName(existing.name, centre.name)
        ? `a centre named "${existing.name}" is already registered (${existing.slug}); nothing was registered`
        : `the name's slug ${existing.slug} is already "${existing.name}"'s; choose another name; nothing was registered`,
    );
  context.out(
    `Registered ${centre.name} (${centre.slug}), ${regionName(centre.region)}, approved ${centre.approvedOn}${centre.contact ? ', with a contact address' : ''}.`,
  );
}

async function list(json: boolean, context: Context): Promise<void> {
  const [centres, counters] = await Promise.all([
    listCentres(context.db),
    readCentreCounters(context.db, PARTNER_SURVEY),
  ]);
  const rows = centres
    .sort((a, b) => a.name.localeCompare(b.name, 'sv'))
    .map((centre) => ({
      slug: centre.slug,
      name: centre.name,
      region: centre.region,
      approvedOn: centre.approvedOn,
      ...(centre.applicationId && { applicationId: centre.applicationId }),
      contact: centre.contact !== undefined,
      companies: {
        invited: counters[centre.slug]?.invited ?? 0,
        answered: counters[centre.slug]?.answered ?? 0,
      },
    }));
  if (json) {
    context.out(JSON.stringify(rows, null, 2));
    return;
  }
  if (rows.length === 0) {
    context.out(
      'No centres yet. Register one with skc centres add --name … --region … --approved-on YYYY-MM-DD.',
    );
    return;
  }
  const header = ['slug', 'centre', 'region', 'approved', 'companies invited', 'answered'];
  const table = rows.map((row) => [
    row.slug,
    row.name,
    regionName(row.region),
    row.approvedOn,
    String(row.companies.invited),
    String(row.companies.answered),
  ]);
  const widths = header.map((title, column) =>
    Math.max(title.length, ...table.map((cells) => cells[column]!.length)),
  );
  for (const cells of [header, ...table])
    context.out(
      cells
        .map((cell, column) => (column >= 4 ? cell.padStart(widths[column]!) : cell.padEnd(widths[column]!)))
        .join('  ')
        .trimEnd(),
    );
  context.out(`${rows.length} centre${rows.length === 1 ? '' : 's'}.`);
}
