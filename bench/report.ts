/**
 * What every benchmark hands back: one row per figure, measured side by side with its floor in the
 * same run, with the target it is held to. `npm run bench` prints these as a table and writes
 * them to bench/results.json.
 */

export type Row = {
  /** The part of the benchmark: cold-start, submit, validation, digest, export. */
  part: string;
  /** What was measured, e.g. `submit` or `submit rate`. */
  name: string;
  /** The figure, in `unit`. Null when it was not measured. */
  value: number | null;
  /** The floor (or the smaller case) it is compared with, in `unit`. */
  floor: number | null;
  unit: string;
  /** value / floor (or floor / value where higher is better), as the target states it. */
  ratio: number | null;
  /** The target in words, e.g. `≤ 1.5× floor`. */
  target: string;
  /** Whether the target was met; null when the row has no target or was not measured. */
  met: boolean | null;
  /** Further figures (bytes, latencies, counts) and why a row was not measured. */
  detail: string;
};

export type Part = { rows: Row[]; data: Record<string, unknown> };

export function notMeasured(part: string, name: string, target: string, reason: string): Row {
  return {
    part,
    name,
    value: null,
    floor: null,
    unit: '',
    ratio: null,
    target,
    met: null,
    detail: `not measured: ${reason}`,
  };
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The q-quantile by nearest rank on a sorted copy. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank]!;
}

export function round(value: number, digits = 2): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}

export function kib(bytes: number): string {
  return `${round(bytes / 1024, 1)} KiB`;
}

export function mib(bytes: number): string {
  return `${round(bytes / 1024 / 1024, 1)} MiB`;
}

function cell(value: number | null): string {
  if (value === null) return '—';
  return Math.abs(value) >= 100 ? String(Math.round(value)) : String(round(value, 2));
}

/** A plain-text table for the terminal (and Markdown-compatible, for the README). */
export function table(rows: readonly Row[]): string {
  const header = ['part', 'figure', 'value', 'floor', 'unit', 'ratio', 'target', 'met', 'detail'];
  const lines = rows.map((row) => [
    row.part,
    row.name,
    cell(row.value),
    cell(row.floor),
    row.unit,
    row.ratio === null ? '—' : `${round(row.ratio, 2)}×`,
    row.target,
    row.met === null ? '—' : row.met ? 'yes' : 'NO',
    row.detail,
  ]);
  const all = [header, ...lines];
  const widths = header.map((_, column) => Math.max(...all.map((line) => line[column]!.length)));
  const format = (line: string[]) =>
    `| ${line.map((text, column) => text.padEnd(widths[column]!)).join(' | ')} |`;
  return [
    format(header),
    `| ${widths.map((width) => '-'.repeat(width)).join(' | ')} |`,
    ...lines.map(format),
  ].join('\n');
}
