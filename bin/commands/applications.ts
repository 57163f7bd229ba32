/** `skc applications`: every centre application with its status and how long it has had it. */
import { daysInStatus, statusText } from '../../shared/core/applications.ts';
import { listApplications } from '../../shared/adapters/store/applications.ts';
import { surveys } from '../../surveys/index.ts';
import { regionLabel } from '../../surveys/regions.ts';
import { CommandError, type Command } from '../command.ts';

export const command: Command = {
  usage: 'applications',
  summary: 'lists the centre applications with their status and days in status',
  options: {},
  async run(_args, context) {
    const survey = surveys.find((candidate) => candidate.review);
    if (!survey) throw new CommandError('no survey takes applications');
    const applications = await listApplications(context.db, survey);
    if (applications.length === 0) {
      context.out('No applications yet.');
      return;
    }
    // A Teknikcollege region, or the county an application named before the regions.
    const regionName = (value: string | undefined) => (value ? regionLabel(value) : '');
    const now = context.now();
    const rows = applications.map((application) => [
      application.responseId,
      application.title,
      regionName(application.region),
      `${application.status} (${statusText[application.status].sv})`,
      String(daysInStatus(application, now)),
      application.submittedAt.slice(0, 10),
      application.previousResponseId ? `resubmits ${application.previousResponseId}` : '',
    ]);
    const header = ['reference', 'centre', 'region', 'status', 'days', 'submitted', ''];
    const widths = header.map((title, column) =>
      Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
    );
    for (const row of [header, ...rows])
      context.out(
        row
          .map((cell, column) => (column === row.length - 1 ? cell : cell.padEnd(widths[column]!)))
          .join('  ')
          .trimEnd(),
      );
    context.out(`${applications.length} application${applications.length === 1 ? '' : 's'}.`);
  },
};
