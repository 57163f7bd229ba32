/**
 * Runs one `skc export` in this process (the CLI's own code path, writing a CSV file) and reports
 * its rows per second, the CPU time it used, and memory: peak RSS from the kernel (`maxRSS`), and
 * the heap sampled every 5 ms. Started by bench/export.ts in a fresh process per run, so one export's garbage cannot
 * count against another.
 *
 * Usage: node --expose-gc bench/export-child.ts <dynamodb endpoint> <table> <out file>
 */
import { main } from '../bin/cli.ts';

const [endpoint, tableName, out] = process.argv.slice(2);
if (!endpoint || !tableName || !out) throw new Error('usage: export-child.ts <endpoint> <table> <out file>');

let peakHeapUsed = process.memoryUsage().heapUsed;
let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  const usage = process.memoryUsage();
  peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
  peakRss = Math.max(peakRss, usage.rss);
}, 5);
const lines: string[] = [];
const baselineRss = process.memoryUsage().rss;
const started = performance.now();
const cpu = process.cpuUsage();
const code = await main(
  ['export', '--survey', 'centre-application', '--format', 'csv', '--out', out],
  { ...process.env, SKC_DYNAMODB_ENDPOINT: endpoint, SKC_TABLE_NAME: tableName },
  { out: (line) => lines.push(line), err: (line) => lines.push(line) },
);
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
const cpuSeconds = (used.user + used.system) / 1e6;
clearInterval(sampler);
// What the export still holds once its garbage is gone: flat if nothing is kept per row.
(globalThis as { gc?: () => void }).gc?.();
const heapAfterGc = process.memoryUsage().heapUsed;
const rows = Number(/Exported (\d+) response/.exec(lines.join('\n'))?.[1] ?? Number.NaN);
process.stdout.write(
  JSON.stringify({
    code,
    message: lines.join(' '),
    rows,
    seconds,
    cpuSeconds,
    baselineRss,
    peakRss: Math.max(peakRss, process.resourceUsage().maxRSS * 1024),
    peakHeapUsed,
    heapAfterGc,
  }),
);
