/**
 * `skc invite --survey ID --csv FILE [--dry-run]` — invites each row of a list to a value survey
 * with a personal link. The whole list is checked first: while any row is wrong nothing is stored
 * or sent. A rerun skips those already invited and finishes what an outage interrupted.
 */
import { readFile } from 'node:fs/promises';
import type { Survey } from '../../shared/core/definition.ts';
import { parseInviteList, type InviteRow } from '../../shared/core/invites.ts';
import { invitationMail, invitationSubject } from '../../shared/views/mail/invitation.ts';
import { isRefusedMail, MailUnavailableError } from '../../shared/adapters/ses.ts';
import {
  addInviteLink,
  createInvitation,
  getInvitee,
  listInvitees,
  markSent,
  type StoredInvitee,
} from '../../shared/adapters/store/invites.ts';
import { inviteeKey } from '../../shared/adapters/store/keys.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { getSurvey, surveys } from '../../surveys/index.ts';
import { forEachBounded, SES_CONCURRENCY } from '../bounded.ts';
import { CommandError, UsageError, type Command, type Context } from '../command.ts';

/** The survey named by --survey, which must be one answered through personal links. */
export function invitationSurvey(id: string | boolean | undefined): Survey {
  const invitable = surveys.filter((survey) => survey.access === 'invite').map((survey) => survey.id);
  if (typeof id !== 'string' || !id) throw new UsageError(`--survey is required (${invitable.join(' or ')})`);
  const survey = getSurvey(id);
  if (!survey) throw new UsageError(`unknown survey "${id}"; invitations go to ${invitable.join(' or ')}`);
  if (survey.access !== 'invite')
    throw new UsageError(
      `${id} is answered through an open link, not invitations; invitations go to ${invitable.join(' or ')}`,
    );
  return survey;
}

/** Refuses a survey that no longer takes answers: its links would only show "closed". */
export function assertNotClosed(survey: Survey, now: Date, what: string): void {
  if (survey.closesAt && now.getTime() >= Date.parse(survey.closesAt))
    throw new CommandError(`${survey.id} closed at ${survey.closesAt}; no ${what} were sent`);
}

type Tally = { invited: number; skipped: number; sent: number; failed: number };

const summary = (survey: Survey, tally: Tally) =>
  `${survey.id}: invited ${tally.invited}, skipped ${tally.skipped} (already invited), sent ${tally.sent}, failed ${tally.failed}`;

export const command: Command = {
  usage: 'invite --survey ID --csv FILE [--dry-run]',
  summary: 'emails each row of a CSV list a personal link to a survey; skips those already invited',
  options: {
    survey: {
      type: 'string',
      description: `the survey: ${surveys
        .filter((survey) => survey.access === 'invite')
        .map((survey) => survey.id)
        .join(' or ')}`,
    },
    csv: { type: 'string', description: 'the list: columns email,organisation,region[,name]' },
    'dry-run': {
      type: 'boolean',
      description: 'checks the list and says what it would do; stores and sends nothing',
    },
  },
  async run({ values }, context) {
    const survey = invitationSurvey(values.survey);
    const file = values.csv;
    if (typeof file !== 'string' || !file) throw new UsageError('--csv FILE is required');
    assertNotClosed(survey, context.now(), 'invitations');

    const list = parseInviteList(await readList(file));
    if (!list.ok) {
      for (const problem of list.problems) context.err(`${file}:${problem.line}: ${problem.message}`);
      const rows = new Set(list.problems.map((problem) => problem.line)).size;
      throw new CommandError(
        `${rows} ${rows === 1 ? 'line' : 'lines'} of ${file} must be fixed (listed above); nothing was stored or sent`,
      );
    }
    if (values['dry-run']) return dryRun(survey, list.rows, context);
    return invite(survey, list.rows, context);
  },
};

/** A CSV file as text, refused in one line when it cannot be read or is not UTF-8. */
export async function readList(file: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (error) {
    throw new CommandError(`cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new CommandError(`${file} is not UTF-8 text; save it as "CSV UTF-8" and run again`);
  }
}

async function dryRun(survey: Survey, rows: InviteRow[], context: Context): Promise<number> {
  const known = new Map(
    (await listInvitees(context.db, survey.id)).map((invitee) => [invitee.email, invitee]),
  );
  const tally: Tally = { invited: 0, skipped: 0, sent: 0, failed: 0 };
  context.out(`Dry run: nothing is stored or sent.`);
  for (const row of rows) {
    const invitee = known.get(row.email);
    if (!invitee) {
      tally.invited++;
      tally.sent++;
      context.out(`line ${row.line}: would invite ${row.email} (${row.organisation}, ${row.region})`);
    } else if (invitee.sentAt || invitee.answeredAt) {
      tally.skipped++;
      context.out(`line ${row.line}: would skip ${row.email} (already invited)`);
    } else {
      tally.sent++;
      context.out(`line ${row.line}: would send ${row.email} the invitation that was not sent before`);
    }
  }
  context.out(`Subject: ${invitationSubject('invitation', survey)}`);
  context.out(`Would have: ${summary(survey, tally)}`);
  return 0;
}

async function invite(survey: Survey, rows: InviteRow[], context: Context): Promise<number> {
  const { db } = context;
  const mailer = context.mailer();
  const tally: Tally = { invited: 0, skipped: 0, sent: 0, failed: 0 };
  let done = 0;
  context.progress(done, rows.length, 'invitations');
  try {
    await forEachBounded(rows, SES_CONCURRENCY, async (row) => {
      const options = { now: context.now(), expiresAt: context.retentionUntil };
      let token = newToken();
      const details = {
        surveyId: survey.id,
        email: row.email,
        organisation: row.organisation,
        region: row.region,
        ...(row.name && { name: row.name }),
      };
      let recipient: Pick<StoredInvitee, 'key' | 'email' | 'organisation' | 'name'>;
      if (await createInvitation(db, details, token, options)) {
        tally.invited++;
        recipient = { ...details, key: inviteeKey(survey.id, row.email) };
      } else {
        const existing = await getInvitee(db, survey.id, row.email);
        if (!existing || existing.sentAt || existing.answeredAt) {
          tally.skipped++;
          context.progress(++done, rows.length, 'invitations');
          return;
        }
        // Created by an earlier run whose email never left: tokens are not kept, so a new link.
        token = newToken();
        await addInviteLink(db, existing, token, options);
        recipient = existing;
      }
      const mail = invitationMail({
        kind: 'invitation',
        survey,
        organisation: recipient.organisation,
        ...(recipient.name && { name: recipient.name }),
        token,
        publicUrl: context.config.SKC_PUBLIC_URL,
      });
      try {
        await mailer.send({ to: [recipient.email], ...mail });
      } catch (error) {
        if (!(error instanceof MailUnavailableError && isRefusedMail(error))) throw error;
        tally.failed++;
        context.err(`line ${row.line}: SES refused the invitation to ${row.email}: ${refusal(error)}`);
        context.progress(++done, rows.length, 'invitations');
        return;
      }
      await markSent(db, recipient.key, context.now());
      tally.sent++;
      context.progress(++done, rows.length, 'invitations');
    });
  } catch (error) {
    context.out(`Stopped after ${done} of ${rows.length} rows: ${summary(survey, tally)}`);
    throw error;
  }
  context.out(summary(survey, tally));
  if (tally.failed > 0)
    throw new CommandError(
      `${tally.failed} ${tally.failed === 1 ? 'invitation was' : 'invitations were'} not sent (see above); fix and run again to send them`,
    );
  return 0;
}

function refusal(error: Error): string {
  const cause = error.cause as Error | undefined;
  return (cause?.message ?? error.message).split('\n')[0]!;
}
