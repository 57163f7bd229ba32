/** The digest's plain-text part: the same sections and numbers as the HTML, one figure a line. */
import { applicationStatuses, type Digest } from '../../../core/digest.ts';
import type { Figure } from '../../components/mail.ts';
import { countiesHeading } from '../../../../surveys/regions.ts';
import { format, statusNames, type EmailContext } from './format.ts';
import {
  headline,
  newAnswers,
  REGION_LEGEND,
  regionFigures,
  regionRows,
  surveyName,
  type SurveyView,
} from './model.ts';

export function renderText(
  digest: Digest,
  context: EmailContext,
  views: SurveyView[],
  subject: string,
): string {
  const lines: string[] = [subject, `${digest.period.from} – ${digest.period.to}`, ''];
  const answers = newAnswers(digest);
  if (answers.period === 0)
    lines.push('Inga nya svar kom in den här veckan. Siffrorna nedan gäller piloten hittills.', '');
  const figure = (entry: Figure) =>
    lines.push(`${entry.label}: ${entry.value}${entry.note ? ` (${entry.note})` : ''}`);
  headline(digest, context).forEach(figure);
  for (const view of views) {
    lines.push('', view.name.toUpperCase(), view.title);
    view.figures.forEach(figure);
    if (view.empty) lines.push('Inga nya svar den här veckan.');
    else
      for (const question of view.questions) {
        lines.push('', question.label, question.summary, question.week);
        const chart = question.chart;
        if (chart?.kind === 'bars')
          for (const bar of chart.bars)
            lines.push(
              `  ${bar.label}: ${format.count(bar.count)} (${format.percent(bar.share)})${bar.week > 0 ? ` +${format.count(bar.week)}` : ''}`,
            );
        if (chart?.kind === 'means')
          for (const row of chart.rows)
            lines.push(`  ${row.label}: ${row.mean === undefined ? '–' : format.mean(row.mean)}`);
        if (chart?.kind === 'nps')
          lines.push(
            `  Kritiker (0–6): ${format.count(chart.detractors)}, Passiva (7–8): ${format.count(chart.passives)}, Promotorer (9–10): ${format.count(chart.promoters)}`,
          );
      }
    if (view.comments.length > 0) {
      lines.push('', 'Senaste kommentarerna:');
      for (const comment of view.comments)
        lines.push(`  "${comment.text}" (${comment.question}, ${comment.date})`);
    }
  }
  lines.push('', 'ANSÖKNINGAR PER STATUS');
  for (const status of applicationStatuses)
    lines.push(`${statusNames[status]}: ${format.count(digest.applications.byStatus[status])}`);
  lines.push('', 'PER REGION', REGION_LEGEND);
  const names = digest.surveys.map((survey) => surveyName(context.surveys, survey.id));
  const rollUp = regionRows(digest);
  for (const row of [...rollUp.regions, rollUp.nation])
    lines.push(`${row.name}: ${regionFigures(row, names)}`);
  if (rollUp.counties.length > 0) {
    lines.push('', countiesHeading.sv.toUpperCase());
    for (const row of rollUp.counties) lines.push(`${row.name}: ${regionFigures(row, names)}`);
  }
  lines.push(
    '',
    `Veckan räknas måndag–söndag, svensk tid; "hittills" räknas från ${digest.pilot.start}. Alla siffror per fråga finns i den bifogade CSV-filen.`,
  );
  return `${lines.join('\n')}\n`;
}
