/**
 * Validation cost: `validateAnswers` on a full centre application, in process, many times. The
 * floor is parsing the same answers from JSON, which every submit does before validating.
 */
import { validateAnswers } from '../shared/core/validation.ts';
import { centreApplication as survey } from '../surveys/centre-application.ts';
import { centreApplication } from '../test/fixtures/answers.ts';
import { quantile, round, type Part } from './report.ts';

export function validation(options: { runs: number }): Part {
  const body = JSON.stringify(centreApplication());
  const time = (work: () => unknown) => {
    const started = performance.now();
    work();
    return performance.now() - started;
  };
  const cpuTimes: number[] = [];
  const validate = () => {
    // A fresh copy each time, parsed outside the timing, as the submit path hands it over.
    const answers: unknown = JSON.parse(body);
    // CPU time too: on a loaded machine the wall clock also counts time spent waiting for a core.
    const cpu = process.cpuUsage();
    const ms = time(() => {
      if (!validateAnswers(survey, answers, 'sv').ok) throw new Error('fixture answers are not valid');
    });
    const used = process.cpuUsage(cpu);
    cpuTimes.push((used.user + used.system) / 1000);
    return ms;
  };
  const parse = () => JSON.parse(body);
  for (let index = 0; index < 1_000; index++) validate();
  cpuTimes.length = 0;
  const validated: number[] = [];
  const parsed: number[] = [];
  for (let index = 0; index < options.runs; index++) {
    validated.push(validate());
    parsed.push(time(parse));
  }
  const p99 = quantile(validated, 0.99);
  return {
    rows: [
      {
        part: 'validation',
        name: 'validate a centre application',
        value: round(p99, 3),
        floor: round(quantile(parsed, 0.99), 3),
        unit: 'ms p99',
        ratio: null,
        target: '< 1 ms p99',
        met: p99 < 1,
        detail:
          `p50 ${round(quantile(validated, 0.5), 3)} ms, max ${round(Math.max(...validated), 2)} ms; ` +
          `CPU p99 ${round(quantile(cpuTimes, 0.99), 3)} ms; ${options.runs} runs; floor = JSON.parse only`,
      },
    ],
    data: {
      runs: options.runs,
      ms: {
        validate: { p50: quantile(validated, 0.5), p99, max: Math.max(...validated) },
        validateCpu: { p50: quantile(cpuTimes, 0.5), p99: quantile(cpuTimes, 0.99) },
        parse: { p50: quantile(parsed, 0.5), p99: quantile(parsed, 0.99) },
      },
    },
  };
}
