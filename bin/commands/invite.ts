/**
 * `skc invite --survey ID --csv FILE [--wave W] [--dry-run] [--resend-uncertain]` — invites each
 * row of a list to a value survey, for a wave (default: the current term), with a personal link.
 * The whole list is checked first: while any row is wrong nothing is stored or sent. A rerun skips
 * those already invited in the wave and finishes what an outage interrupted. `--centre SLUG`
 * instead of `--csv` invites the centre's registered contact. Each send is recorded before it is
 * made; an invitation SES took and never answered may have been delivered, so a rerun sends it
 * again only with `--resend-uncertain`.
 */
import { readFile } from 'node:fs/promises';
import { parseWave, waveOf } from '../../shared/core/calendar.ts';
import type { Centre } from '../../shared/core/centres.ts';
import type { Survey } from '../../shared/core/definition.ts';
import { parseInviteList, type InviteRow } from '../../shared/core/invites.ts';
import { invitationMail, invitationSubject } from '../../shared/views/mail/invitation.ts';
import { isRefusedMail, MailUncertainError } from '../../shared/adapters/ses.ts';
import {
  addInviteLink,
  clearSending,
  createInvitation,
  getInvitee,
  listInvitees,
  markSending,
  markSent,
  type StoredInvitee,
} from '../../shared/adapters/store/invites.ts';
import { getCentre, listCentres } from '../../shared/adapters/store/centres.ts';
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

/** The wave named by --wave (any case), or the current term in Stockholm. */
export function invitationWave(value: string | boolean | undefined, now: Date): string {
  if (value === undefined) return waveOf(now);
  const wave = parseWave(String(value));
  if (!wave.ok) throw new UsageError(`--wave ${wave.message}`);
  return wave.wave;
}

type Tally = { invited: number; skipped: number; sent: number; failed: number; uncertain: number };

/** Where the invitations go: the survey, the wave, and each centre's registered name by slug. */
type Run = { survey: Survey; wave: string; centreNames: Map<string, string> };

const summary = ({ survey, wave }: Run, tally: Tally) =>
  `${survey.id}: invited ${tally.invited}, skipped ${tally.skipped} (already invited), sent ${tally.sent}, failed ${tally.failed}${tally.uncertain ? `, not resent ${tally.uncertain} (may have been delivered)` : ''} (wave ${wave})`;

export const command: Command = {
  usage:
    'invite --survey ID (--csv FILE | --centre SLUG) [--wave YYYY-VT|YYYY-HT] [--dry-run] [--resend-uncertain]',
  summary: 'emails each row of a CSV list (or a centre’s contact) a personal link to a survey for a wave',
  options: {
    survey: {
      type: 'string',
      description: `the survey: ${surveys
        .filter((survey) => survey.access === 'invite')
        .map((survey) => survey.id)
        .join(' or ')}`,
    },
    csv: { type: 'string', description: 'the list: columns email,organisation,region[,name][,centre]' },
    centre: {
      type: 'string',
      description: 'instead of --csv: invite this centre’s registered contact (e.g. to centre-followup)',
    },
    wave: { type: 'string', description: 'the wave, YYYY-VT or YYYY-HT (default: the current term)' },
    'dry-run': {
      type: 'boolean',
      description: 'checks the list and says what it would do; stores and sends nothing',
    },
    'resend-uncertain': {
      type: 'boolean',
      description:
        'also sends again the invitations SES took without answering (they may have been delivered)',
    },
  },
  async run({ values }, context) {
    const survey = invitationSurvey(values.survey);
    const wave = invitationWave(values.wave, context.now());
    const file = values.csv;
    const slug = values.centre;
    if (file !== undefined && slug !== undefined)
      throw new UsageError('give --csv FILE or --centre SLUG, not both (the list names each row’s centre)');
    if (typeof slug === 'string') {
      if (!slug) throw new UsageError('--centre SLUG is empty');
    } else if (typeof file !== 'string' || !file)
      throw new UsageError('--csv FILE (or --centre SLUG) is required');
    assertNotClosed(survey, context.now(), 'invitations');
    // Before reading or storing anything: invitations must not be stored when they cannot be sent.
    if (!values['dry-run']) context.mailer();

    let rows: InviteRow[];
    let centres: Centre[];
    if (typeof slug === 'string') {
      const centre = await getCentre(context.db, slug.trim().toLowerCase());
      if (!centre) throw new CommandError(`unknown centre "${slug}"; see skc centres. Nothing was sent.`);
      if (!centre.contact)
        throw new CommandError(
          `${centre.slug} has no registered contact address; invite its contact with --csv (centre column ${centre.slug}). Nothing was sent.`,
        );
      centres = [centre];
      rows = [
        {
          line: 1,
          email: centre.contact,
          organisation: centre.name,
          region: centre.region,
          centre: centre.slug,
        },
      ];
    } else {
      const text = await readList(file as string);
      centres = await listCentres(context.db);
      const list = parseInviteList(text, { centres });
      if (!list.ok) {
        for (const problem of list.problems) context.err(`${file}:${problem.line}: ${problem.message}`);
        const lines = new Set(list.problems.map((problem) => problem.line)).size;
        throw new CommandError(
          `${lines} ${lines === 1 ? 'line' : 'lines'} of ${file} must be fixed (listed above); nothing was stored or sent`,
        );
      }
      rows = list.rows;
    }
    const run: Run = {
      survey,
      wave,
      centreNames: new Map(centres.map((centre) => [centre.slug, centre.name])),
    };
    if (values['dry-run']) return dryRun(run, rows, context);
    return invite(run, rows, context, Boolean(values['resend-uncertain']));
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

async function dryRun(run: Run, rows: InviteRow[], context: Context): Promise<number> {
  const { survey, wave } = run;
  const known = new Map(
    (await listInvitees(context.db, survey.id, wave)).map((invitee) => [invitee.email, invitee]),
  );
  const tally: Tally = { invited: 0, skipped: 0, sent: 0, failed: 0, uncertain: 0 };
  context.out(`Dry run: nothing is stored or sent.`);
  for (const row of rows) {
    const invitee = known.get(row.email);
    if (!invitee) {
      tally.invited++;
      tally.sent++;
      const centre = row.centre ? `, for ${run.centreNames.get(row.centre) ?? row.centre}` : '';
      context.out(
        `line ${row.line}: would invite ${row.email} (${row.organisation}, ${row.region}${centre})`,
      );
    } else if (invitee.sentAt || invitee.answeredAt) {
      tally.skipped++;
      context.out(`line ${row.line}: would skip ${row.email} (already invited)`);
    } else if (invitee.sendingAt) {
      tally.uncertain++;
      context.out(`line ${row.line}: would not resend ${row.email} (the invitation may have been delivered)`);
    } else {
      tally.sent++;
      context.out(`line ${row.line}: would send ${row.email} the invitation that was not sent before`);
    }
  }
  context.out(`Subject: ${invitationSubject('invitation', survey)}`);
  context.out(`Would have: ${summary(run, tally)}`);
  return 0;
}

async function invite(
  run: Run,
  rows: InviteRow[],
  context: Context,
  resendUncertain: boolean,
): Promise<number> {
  const { survey, wave } = run;
  const { db } = context;
  const mailer = context.mailer();
  const tally: Tally = { invited: 0, skipped: 0, sent: 0, failed: 0, uncertain: 0 };
  let done = 0;
  context.progress(done, rows.length, 'invitations');
  try {
    await forEachBounded(rows, SES_CONCURRENCY, async (row) => {
      const options = { now: context.now(), expiresAt: context.retentionUntil };
      let token = newToken();
      const centreName = row.centre ? run.centreNames.get(row.centre) : undefined;
      const details = {
        surveyId: survey.id,
        email: row.email,
        organisation: row.organisation,
        region: row.region,
        wave,
        ...(row.name && { name: row.name }),
        ...(row.centre && { centre: row.centre }),
        ...(centreName && { centreName }),
      };
      let recipient: Pick<StoredInvitee, 'key' | 'email' | 'organisation' | 'name' | 'centreName'>;
      if (await createInvitation(db, details, token, options)) {
        tally.invited++;
        recipient = { ...details, key: inviteeKey(survey.id, row.email, wave) };
      } else {
        const existing = await getInvitee(db, survey.id, row.email, wave);
        if (!existing || existing.sentAt || existing.answeredAt) {
          tally.skipped++;
          context.progress(++done, rows.length, 'invitations');
          return;
        }
        if (existing.sendingAt && !resendUncertain) {
          tally.uncertain++;
          context.err(
            `line ${row.line}: the invitation to ${row.email} may already have been delivered (SES did not answer its send at ${existing.sendingAt}); not sent again`,
          );
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
        to: recipient,
        token,
        publicUrl: context.config.SKC_PUBLIC_URL,
      });
      await markSending(db, recipient.key, context.now());
      try {
        await mailer.send({ to: [recipient.email], ...mail });
      } catch (error) {
        // It may have been delivered: the mark stays and the run stops (SES is not answering).
        if (error instanceof MailUncertainError) throw error;
        await clearSending(db, recipient.key);
        if (!isRefusedMail(error)) throw error;
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
    context.out(`Stopped after ${done} of ${rows.length} rows: ${summary(run, tally)}`);
    throw error;
  }
  context.out(summary(run, tally));
  if (tally.uncertain > 0)
    throw new CommandError(
      `${tally.uncertain} ${tally.uncertain === 1 ? 'invitation' : 'invitations'} may already have been delivered and ${tally.uncertain === 1 ? 'was' : 'were'} not sent again (listed above); ask the invitees, or run again with --resend-uncertain to send anyway`,
    );
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
