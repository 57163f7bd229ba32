/**
 * `skc digest [--period YYYY-Www] [--json] [--dry-run] [--preview] [--force]`: the weekly digest
 * for an ISO week (default the last full week, Europe/Stockholm). `--json`, `--dry-run` and
 * `--preview` (the running week by default) never send; otherwise the digest is emailed once per
 * period.
 */
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { isWeekId, lastFullWeek, period as periodOf, weekOf } from '../../shared/core/calendar.ts';
import { DigestRefusedError, prepareDigest, runDigest } from '../../shared/core/digest-run.ts';
import { digestStore } from '../../shared/adapters/store/digest.ts';
import { renderDigestEmail } from '../../shared/views/mail/digest.ts';
import { surveys } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command } from '../command.ts';

export const command: Command = {
  usage: 'digest [--period YYYY-Www] [--json] [--dry-run] [--preview] [--force]',
  summary: 'builds the weekly digest and emails it to the working group once per week',
  options: {
    period: {
      type: 'string',
      description: 'the ISO week (default: the last full week; with --preview, this week)',
    },
    json: { type: 'boolean', description: 'prints the digest model as JSON; sends nothing' },
    'dry-run': { type: 'boolean', description: 'renders the email to a file; sends nothing' },
    preview: {
      type: 'boolean',
      description: 'renders this week so far to a file and prints where to open it; sends nothing',
    },
    force: { type: 'boolean', description: 'sends again a week that was already (or maybe) sent' },
  },
  async run({ values, positionals }, context) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
    const now = context.now();
    const given = values.period as string | undefined;
    if (given !== undefined && !isWeekId(given))
      throw new UsageError(`--period must be an ISO week such as 2026-W47, not "${given}"`);
    const week = given ?? (values.preview ? weekOf(now) : lastFullWeek(now));
    const pilotStart = context.config.SKC_PILOT_START;

    if (values.json) {
      const { digest } = await prepareDigest(
        { store: digestStore(context.db), render: renderDigestEmail, surveys, pilotStart },
        week,
      );
      context.out(JSON.stringify(digest, null, 2));
      return 0;
    }
    if (values['dry-run'] || values.preview) {
      const { email } = await prepareDigest(
        { store: digestStore(context.db), render: renderDigestEmail, surveys, pilotStart },
        week,
      );
      const file = path.join(tmpdir(), `skc-digest-${week}.html`);
      await writeFile(file, email.html, 'utf8');
      const running =
        periodOf(week).end.getTime() > now.getTime() ? ' (the week has not ended: figures so far)' : '';
      context.out(`Dry run, nothing sent${running}. "${email.subject}"`);
      context.out(`HTML (${Buffer.byteLength(email.html)} bytes) written to ${file}`);
      if (values.preview) context.out(`Open it in a browser: ${pathToFileURL(file).href}`);
      return 0;
    }

    try {
      const result = await runDigest(
        {
          store: digestStore(context.db),
          render: renderDigestEmail,
          surveys,
          mailer: context.mailer(),
          recipients: context.config.SKC_DIGEST_RECIPIENTS,
          pilotStart,
        },
        { period: week, force: Boolean(values.force), now },
      );
      switch (result.outcome) {
        case 'sent':
          context.out(
            `Sent the digest for ${week} to ${result.recipients} recipient(s) (message id ${result.messageId}).`,
          );
          return 0;
        case 'already-sent':
          context.out(
            `The digest for ${week} was already sent at ${result.record.sentAt} (message id ${result.record.messageId}); nothing sent. Use --force to send it again.`,
          );
          return 0;
        case 'in-progress':
          throw new CommandError(
            `another run is sending the digest for ${week} right now (claimed at ${result.record.claimedAt}); nothing sent. Check again after ${result.record.leaseUntil}.`,
          );
        case 'unconfirmed':
          throw new CommandError(
            `the digest for ${week} was claimed at ${result.record.claimedAt} but never confirmed as sent, so it may or may not have gone out. Check the mail log; if it did not arrive, run again with --force.`,
          );
      }
    } catch (error) {
      if (error instanceof DigestRefusedError) throw new UsageError(error.message);
      throw error;
    }
  },
};
