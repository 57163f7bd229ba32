/**
 * The report's figures from a stored distribution (`{value: count}`), with a 95% interval.
 *
 * - A Likert mean gets a t-interval: mean ± t(0.975, n − 1) · s / √n, s the sample standard
 *   deviation. Its bounds are clamped to the scale (a mean of a 1–5 scale cannot leave it).
 * - An NPS gets a normal approximation on the difference of two multinomial proportions:
 *   NPS = 100 · (p₉₋₁₀ − p₀₋₆), Var = (p₉₋₁₀ + p₀₋₆ − (p₉₋₁₀ − p₀₋₆)²) / n, NPS ± 1.96 · 100 · √Var,
 *   clamped to −100…100.
 * - Below MIN_ANSWERS no figure is given at all: with fewer answers both the figure and its
 *   interval say more about who happened to answer than about the centre.
 */

export const MIN_ANSWERS = 5;

export type Distribution = Record<string, number>;

/** A figure with its 95% interval, or only `n` where there are too few answers to show one. */
export type Figure = {
  n: number;
  /** How many of the `n` answers were imported (earlier evidence). */
  imported: number;
  value?: number;
  low?: number;
  high?: number;
};

// Two-sided 95% quantiles of Student's t by degrees of freedom (any statistics table).
// prettier-ignore
const T_975: Record<number, number> = {
  1: 12.706, 2: 4.303, 3: 3.182, 4: 2.776, 5: 2.571, 6: 2.447, 7: 2.365, 8: 2.306, 9: 2.262,
  10: 2.228, 11: 2.201, 12: 2.179, 13: 2.16, 14: 2.145, 15: 2.131, 16: 2.12, 17: 2.11, 18: 2.101,
  19: 2.093, 20: 2.086, 21: 2.08, 22: 2.074, 23: 2.069, 24: 2.064, 25: 2.06, 26: 2.056, 27: 2.052,
  28: 2.048, 29: 2.045, 30: 2.042, 40: 2.021, 60: 2, 120: 1.98,
};
const Z_975 = 1.96;

/** t(0.975, df); between the table's rows beyond 30 linear in 1/df, which is accurate to 0.001. */
export function tQuantile(df: number): number {
  if (df < 1) return Number.NaN;
  const exact = T_975[df];
  if (exact !== undefined) return exact;
  const rows = [30, 40, 60, 120, Infinity];
  const value = (row: number) => (row === Infinity ? Z_975 : T_975[row]!);
  for (let index = 0; index < rows.length - 1; index++) {
    const lower = rows[index]!;
    const upper = rows[index + 1]!;
    if (df > lower && df < upper) {
      const share = (1 / lower - 1 / df) / (1 / lower - 1 / upper);
      return value(lower) + (value(upper) - value(lower)) * share;
    }
  }
  return Z_975;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;
const clamp = (value: number, min: number, max: number) => Math.min(max, Math.max(min, value));

function countOf(distribution: Distribution): number {
  return Object.values(distribution).reduce((sum, count) => sum + count, 0);
}

/** A Likert (or any bounded scale) mean with its t-interval; rounded to two decimals. */
export function meanFigure(
  distribution: Distribution,
  scale: { min: number; max: number },
  imported = 0,
): Figure {
  const n = countOf(distribution);
  if (n < MIN_ANSWERS) return { n, imported };
  const entries = Object.entries(distribution).map(([value, count]) => [Number(value), count] as const);
  const mean = entries.reduce((sum, [value, count]) => sum + value * count, 0) / n;
  const squares = entries.reduce((sum, [value, count]) => sum + count * (value - mean) ** 2, 0);
  const half = (tQuantile(n - 1) * Math.sqrt(squares / (n - 1))) / Math.sqrt(n);
  return {
    n,
    imported,
    value: round(mean, 2),
    low: round(clamp(mean - half, scale.min, scale.max), 2),
    high: round(clamp(mean + half, scale.min, scale.max), 2),
  };
}

/** Net Promoter Score (9–10 minus 0–6, in percent) with its normal-approximation interval; whole numbers. */
export function npsFigure(distribution: Distribution, imported = 0): Figure {
  const n = countOf(distribution);
  if (n < MIN_ANSWERS) return { n, imported };
  const share = (from: number, to: number) => {
    let count = 0;
    for (let value = from; value <= to; value++) count += distribution[String(value)] ?? 0;
    return count / n;
  };
  const promoters = share(9, 10);
  const detractors = share(0, 6);
  const score = promoters - detractors;
  const half = Z_975 * Math.sqrt((promoters + detractors - score ** 2) / n);
  return {
    n,
    imported,
    value: Math.round(score * 100),
    low: Math.round(clamp(score - half, -1, 1) * 100),
    high: Math.round(clamp(score + half, -1, 1) * 100),
  };
}

/** A sum and a mean over whatever was reported (hours, days), with how many reported. */
export type Total = { n: number; total: number | null; mean: number | null };

export function totalOf(values: (number | undefined)[]): Total {
  const known = values.filter((value): value is number => value !== undefined);
  if (known.length === 0) return { n: 0, total: null, mean: null };
  const total = known.reduce((sum, value) => sum + value, 0);
  return { n: known.length, total: round(total, 2), mean: round(total / known.length, 2) };
}
