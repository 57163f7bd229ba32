/**
 * The report's inline SVG charts. Each stands beside a table holding the same figures, which is
 * what screen readers and print readers use; the chart names itself and points there. Sizes are
 * in the viewBox's units and the SVG scales to the column, so text stays about 12 px on a phone.
 */
import type { Reach, ValueRow } from '../../core/report/model.ts';
import { html, type Html } from '../html.ts';
import { number, waveName } from './format.ts';

const WIDTH = 320;
const HEIGHT = 170;
const PLOT = { left: 40, right: 12, top: 12, bottom: 40 };

/**
 * A value question's figures by wave, each a dot with its 95% interval as a bar; the baseline
 * (before approval) first, in grey. Waves with too few answers are left empty and labelled so.
 */
export function trendChart(row: ValueRow, captionId: string): Html {
  const points = [
    { label: 'Före', figure: row.baseline, baseline: true },
    ...row.waves.map((wave) => ({ label: waveName(wave.wave), figure: wave.figure, baseline: false })),
  ].filter((point) => !point.baseline || point.figure.n > 0);
  const { min, max } = row.scale;
  const plotHeight = HEIGHT - PLOT.top - PLOT.bottom;
  const y = (value: number) => PLOT.top + ((max - value) / (max - min)) * plotHeight;
  const step = (WIDTH - PLOT.left - PLOT.right) / Math.max(points.length, 1);
  const x = (index: number) => PLOT.left + step * (index + 0.5);
  const ticks = row.type === 'nps' ? [-100, 0, 100] : [min, (min + max) / 2, max];
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} ${HEIGHT}" role="img" aria-labelledby="${captionId}">
    ${ticks.map(
      (tick) =>
        html`<line
            x1="${PLOT.left}"
            x2="${WIDTH - PLOT.right}"
            y1="${y(tick)}"
            y2="${y(tick)}"
            class="grid"
          ></line
          ><text x="${PLOT.left - 6}" y="${y(tick) + 4}" text-anchor="end">${number(tick, 'nps')}</text>`,
    )}
    ${points.map((point, index) => {
      const label = html`<text x="${x(index)}" y="${HEIGHT - PLOT.bottom + 18}" text-anchor="middle"
        >${point.label}</text
      >`;
      const { figure } = point;
      if (figure.value === undefined)
        return html`${label}<text
            x="${x(index)}"
            y="${HEIGHT - PLOT.bottom + 33}"
            text-anchor="middle"
            class="note"
            >n&#160;=&#160;${figure.n}</text
          >`;
      return html`${label}<line
          x1="${x(index)}"
          x2="${x(index)}"
          y1="${y(figure.low!)}"
          y2="${y(figure.high!)}"
          class="${point.baseline ? 'whisker base' : 'whisker'}"
        ></line
        ><circle
          cx="${x(index)}"
          cy="${y(figure.value)}"
          r="5"
          class="${point.baseline ? 'dot base' : 'dot'}"
        ></circle
        ><text x="${x(index)}" y="${HEIGHT - PLOT.bottom + 33}" text-anchor="middle" class="note"
          >${number(figure.value, row.type)}</text
        >`;
    })}
  </svg>`;
}

/** Utbildningar the certification covers, by length: bars for the three bands. */
export function reachChart(reach: Reach, captionId: string): Html {
  const bands = [
    { label: 'Kortare än en vecka', value: reach.underOneWeek ?? 0, excluded: true },
    { label: '1–39 veckor', value: reach.oneTo39Weeks ?? 0, excluded: true },
    { label: '40 veckor eller längre', value: reach.fortyWeeksOrMore ?? 0, excluded: false },
  ];
  const largest = Math.max(1, ...bands.map((band) => band.value));
  const barLeft = 165;
  const barWidth = WIDTH - barLeft - 40;
  return html`<svg class="chart" viewBox="0 0 ${WIDTH} 96" role="img" aria-labelledby="${captionId}">
    ${bands.map(
      (band, index) =>
        html`<text x="${barLeft - 8}" y="${index * 30 + 20}" text-anchor="end">${band.label}</text
          ><rect
            x="${barLeft}"
            y="${index * 30 + 6}"
            height="20"
            width="${Math.max(1, (band.value / largest) * barWidth)}"
            class="${band.excluded ? 'bar new' : 'bar'}"
          ></rect
          ><text x="${barLeft + (band.value / largest) * barWidth + 6}" y="${index * 30 + 20}"
            >${band.value}</text
          >`,
    )}
  </svg>`;
}
