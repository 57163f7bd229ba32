/**
 * Digest: the time to read the counters and comments and build the digest (model and email), as
 * the weekly function does before sending, for the pilot's last week with 1,000 and with 100,000
 * stored responses spread over all the pilot's weeks. Both tables have the same weeks and
 * regions, so only the number of responses differs.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { surveys } from '../surveys/index.ts';
import type { Dataset } from './datasets.ts';
import { median, quantile, round, type Part } from './report.ts';

const root = resolve(import.meta.dirname, '..');
const needed = ['shared/core/digest-run.ts', 'shared/core/digest.ts', 'shared/adapters/store/digest.ts'];

export function digestMissing(): string | undefined {
  return needed.find((file) => !existsSync(resolve(root, file)));
}

export async function digest(options: {
  small: Dataset;
  large: Dataset;
  week: string;
  runs: number;
}): Promise<Part> {
  const { prepareDigest } = await import('../shared/core/digest-run.ts');
  const { digestStore } = await import('../shared/adapters/store/digest.ts');
  const { renderDigestEmail } = await import('../shared/views/mail/digest.ts');

  const time = async (dataset: Dataset) => {
    const started = performance.now();
    const prepared = await prepareDigest(
      { store: digestStore(dataset.db), render: renderDigestEmail, surveys },
      options.week,
    );
    const ms = performance.now() - started;
    const total = prepared.digest.surveys.reduce((sum, survey) => sum + survey.responses.total, 0);
    if (total !== dataset.responses)
      throw new Error(
        `the digest of ${dataset.db.tableName} counts ${total} responses, not ${dataset.responses}`,
      );
    return ms;
  };

  // Warm both up (JIT, connections), then alternate so load elsewhere hits both alike.
  for (let index = 0; index < 3; index++)
    for (const dataset of [options.small, options.large]) await time(dataset);
  const samples = { small: [] as number[], large: [] as number[] };
  for (let index = 0; index < options.runs; index++) {
    samples.small.push(await time(options.small));
    samples.large.push(await time(options.large));
  }
  const small = median(samples.small);
  const large = median(samples.large);
  const ratio = large / small;
  return {
    rows: [
      {
        part: 'digest',
        name: `prepare digest, ${options.large.responses.toLocaleString('en')} vs ${options.small.responses.toLocaleString('en')} responses`,
        value: round(large, 1),
        floor: round(small, 1),
        unit: 'ms (median)',
        ratio: round(ratio, 2),
        target: '≤ 1.5× smaller',
        met: ratio <= 1.5,
        detail: `p90 ${round(quantile(samples.large, 0.9), 1)} vs ${round(quantile(samples.small, 0.9), 1)} ms; week ${options.week}, ${options.runs} runs each`,
      },
    ],
    data: {
      week: options.week,
      runs: options.runs,
      responses: { small: options.small.responses, large: options.large.responses },
      ms: { small: samples.small.map((ms) => round(ms, 2)), large: samples.large.map((ms) => round(ms, 2)) },
    },
  };
}
