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
import { regions } from '../../surveys/regions.ts';
import { CommandError, UsageError, type Command, type Context } from '../command.ts';

const formats = ['html', 'json', 'csv'] as const;
type Format = (typeof formats)[number];

/** The pilot's first centre was approved in December 2023; the report starts there by default. */
const PILOT_START = '2023-12-01';

function pilotStart(context: Context): string {
  return (context.config as { SKC_PILOT_START?: string }).SKC_PILOT_START ?? PILOT_START;
}

/** The regions the report names, legacy (county) values marked so they are reported apart. */
function regionCatalogue(): ReportRegion[] {
  return regions.map((region) => ({ slug: region.value, name: region.label.sv, legacy: false }));
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
  options: {
    centre: { type: 'string' },
    region: { type: 'string' },
    from: { type: 'string' },
    to: { type: 'string' },
    format: { type: 'string', default: 'html' },
    out: { type: 'string' },
  },
  async run({ values }, context) {
    const format = values.format as string;
    if (!(formats as readonly string[]).includes(format))
      throw new UsageError(`--format must be html, json or csv, not "${format}"`);
    const now = context.now();
    const from = date(values.from, 'from', pilotStart(context));
    const to = date(values.to, 'to', localDate(now));
    if (from > to) throw new UsageError(`--from ${from} is after --to ${to}`);
    const filter = {
      ...(typeof values.centre === 'string' && { centre: values.centre.trim().toLowerCase() }),
      ...(typeof values.region === 'string' && { region: values.region }),
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
