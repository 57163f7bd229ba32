/**
 * `skc report [--centre SLUG] [--region NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 * [--format html|json|csv] [--out FILE]` — the evaluation report: per centre, by region and for
 * the whole pilot, from the pilot's start to today unless told otherwise.
 */
import { writeFile } from 'node:fs/promises';
import { localDate } from '../../shared/core/calendar.ts';
import { buildReport, filterProblem } from '../../shared/core/report/model.ts';
import type { ReportRegion } from '../../shared/core/report/source.ts';
import { isValidDate } from '../../shared/core/validation.ts';
import { readReportSource } from '../../shared/adapters/store/report.ts';
import { reportCsv } from '../../shared/views/report/csv.ts';
import { reportPage } from '../../shared/views/report/page.ts';
import { criteria } from '../../surveys/criteria.ts';
import { surveys } from '../../surveys/index.ts';
import { counties, findRegion, regions } from '../../surveys/regions.ts';
import { CommandError, UsageError, type Command } from '../command.ts';

const formats = ['html', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

/** The regions the report names; county values stored before the regions are marked to stand apart. */
function regionCatalogue(): ReportRegion[] {
  return [
    ...regions.map((region) => ({ slug: region.slug, name: region.name, legacy: false })),
    ...counties.map((county) => ({ slug: county.value, name: county.label.sv, legacy: true })),
  ];
}

function date(value: string | boolean | undefined, option: string, fallback: string): string {
  if (value === undefined) return fallback;
  if (typeof value !== 'string' || !isValidDate(value))
    throw new UsageError(`--${option} takes a date as YYYY-MM-DD, not "${String(value)}"`);
  return value;
}

export const command: Command = {
  usage:
    'report [--centre SLUG] [--region NAME] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--format html|json|csv] [--out FILE]',
  summary:
    'the evaluation report per centre, by region and for the whole pilot: reach, burden, quality, value',
  options: {
    centre: { type: 'string', description: 'only this centre (its slug, as skc centres lists it)' },
    region: { type: 'string', description: 'only this Teknikcollege region (name in any case, or slug)' },
    from: {
      type: 'string',
      description: 'first day, YYYY-MM-DD (default: the pilot start, SKC_PILOT_START)',
    },
    to: { type: 'string', description: 'last day, YYYY-MM-DD (default: today, Stockholm time)' },
    format: {
      type: 'string',
      default: 'html',
      description:
        'html (one printable page, the default), json (the model) or csv (one row per scope, wave and measure)',
    },
    out: { type: 'string', description: 'the file to write (default: standard output)' },
  },
  async run({ values }, context) {
    const format = values.format as string;
    if (!(formats as readonly string[]).includes(format))
      throw new UsageError(`--format must be html, json or csv, not "${format}"`);
    const now = context.now();
    const from = date(values.from, 'from', context.config.SKC_PILOT_START);
    const to = date(values.to, 'to', localDate(now));
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    let region: string | undefined;
    if (typeof values.region === 'string') {
      const found = findRegion(values.region);
      if (!found.ok) throw new CommandError(found.message);
      region = found.region.slug;
    }
    const filter = {
      ...(typeof values.centre === 'string' && { centre: values.centre.trim().toLowerCase() }),
      ...(region && { region }),
    };

    const source = await readReportSource(context.db, {
      period: { from, to },
      generatedAt: now.toISOString(),
      surveys,
      criteria: criteria.map((criterion) => ({ id: criterion.id, name: criterion.name.sv })),
      regions: regionCatalogue(),
    });
    const problem = filterProblem(source, filter);
    if (problem) throw new CommandError(problem);
    const model = buildReport(source, filter);
    const text = render(model, format as Format);

    const path = values.out as string | undefined;
    if (!path) {
      context.out(text.replace(/\n$/, ''));
      return;
    }
    await writeFile(path, text);
    const centres = model.centres.length;
    context.err(
      `Wrote the ${format} report for ${from} to ${to} (${centres} centre${centres === 1 ? '' : 's'}) to ${path}.`,
    );
  },
};

function render(model: ReturnType<typeof buildReport>, format: Format): string {
  if (format === 'json') return `${JSON.stringify(model, null, 2)}\n`;
  if (format === 'csv') return reportCsv(model);
  return reportPage(model);
}
