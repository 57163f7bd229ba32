/**
 * `skc remind --survey ID [--wave W]` — one reminder, with a new personal link, to each invitee of
 * the wave (default: the current term) who has not answered: never twice on the same Stockholm
 * day, never once the survey has closed. The reminder
 * is claimed before it is sent; a send SES never answered counts as sent.
 */
import { localDate, startOfLocalDate } from '../../shared/core/calendar.ts';
import type { Survey } from '../../shared/core/definition.ts';
import { invitationMail } from '../../shared/views/mail/invitation.ts';
import { isRefusedMail, MailUncertainError } from '../../shared/adapters/ses.ts';
import {
  claimReminder,
  listInvitees,
  releaseReminder,
  type StoredInvitee,
} from '../../shared/adapters/store/invites.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { forEachBounded, SES_CONCURRENCY } from '../bounded.ts';
import { CommandError, type Command } from '../command.ts';
import { assertNotClosed, invitationSurvey, invitationWave } from './invite.ts';

type Tally = {
  reminded: number;
  answered: number;
  remindedToday: number;
  notSent: number;
  changed: number;
  failed: number;
};

function summary(survey: Survey, wave: string, tally: Tally): string {
  const skipped = [
    `${tally.answered} answered`,
    `${tally.remindedToday} already reminded today`,
    `${tally.notSent} whose invitation was not sent yet (run skc invite again)`,
    ...(tally.changed ? [`${tally.changed} answered or reminded meanwhile`] : []),
  ];
  return `${survey.id}: reminded ${tally.reminded}, failed ${tally.failed}; skipped ${skipped.join(', ')} (wave ${wave})`;
}

export const command: Command = {
  usage: 'remind --survey ID [--wave YYYY-VT|YYYY-HT]',
  summary: 'emails one reminder, with a fresh link, to each invitee of a wave who has not answered',
  options: {
    survey: { type: 'string', description: 'the survey whose invitees are reminded' },
    wave: { type: 'string', description: 'the wave, YYYY-VT or YYYY-HT (default: the current term)' },
  },
  async run({ values }, context) {
    const survey = invitationSurvey(values.survey);
    const started = context.now();
    const wave = invitationWave(values.wave, started);
    assertNotClosed(survey, started, 'reminders');
    const dayStart = startOfLocalDate(localDate(started));
    const invitees = await listInvitees(context.db, survey.id, wave);
    const tally: Tally = { reminded: 0, answered: 0, remindedToday: 0, notSent: 0, changed: 0, failed: 0 };
    const due: StoredInvitee[] = [];
    for (const invitee of invitees) {
      if (invitee.answeredAt) tally.answered++;
      else if (!invitee.sentAt) tally.notSent++;
      else if (invitee.remindedAt && invitee.remindedAt >= dayStart.toISOString()) tally.remindedToday++;
      else due.push(invitee);
    }
    const mailer = due.length ? context.mailer() : undefined;
    let done = 0;
    context.progress(done, due.length, 'reminders');
    try {
      await forEachBounded(due, SES_CONCURRENCY, async (invitee) => {
        const token = newToken();
        const now = context.now();
        // The listing may be a moment stale; the claim re-checks answered and reminded in DynamoDB.
        if (
          !(await claimReminder(context.db, invitee, token, {
            now,
            dayStart,
            expiresAt: context.retentionUntil,
          }))
        ) {
          tally.changed++;
          context.progress(++done, due.length, 'reminders');
          return;
        }
        const mail = invitationMail({
          kind: 'reminder',
          survey,
          to: invitee,
          token,
          publicUrl: context.config.SKC_PUBLIC_URL,
        });
        try {
          await mailer!.send({ to: [invitee.email], ...mail });
        } catch (error) {
          // SES took it and never answered: it may have been delivered, so it stays counted as
          // sent (no second reminder today) and the run stops; a rerun reminds the rest.
          if (error instanceof MailUncertainError) throw error;
          await releaseReminder(context.db, invitee, token, now);
          if (!isRefusedMail(error)) throw error;
          tally.failed++;
          context.err(
            `SES refused the reminder to ${invitee.email}: ${(error.cause as Error | undefined)?.message ?? error.message}`,
          );
          context.progress(++done, due.length, 'reminders');
          return;
        }
        tally.reminded++;
        context.progress(++done, due.length, 'reminders');
      });
    } catch (error) {
      context.out(`Stopped after ${done} of ${due.length} reminders: ${summary(survey, wave, tally)}`);
      throw error;
    }
    context.out(summary(survey, wave, tally));
    if (tally.failed > 0)
      throw new CommandError(
        `${tally.failed} ${tally.failed === 1 ? 'reminder was' : 'reminders were'} not sent (see above); run again to retry them`,
      );
    return 0;
  },
};
