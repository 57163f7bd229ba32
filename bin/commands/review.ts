/**
 * `skc review RESPONSE_ID --decision in-review|approved|rejected|changes-requested [--note TEXT]`:
 * records a review step and emails the applicant. The email leaves through the outbox like every
 * other; this command also delivers it at once, so the applicant does not wait for the mailer.
 */
import { userInfo } from 'node:os';
import { decisions, isDecision, statusText } from '../../shared/core/applications.ts';
import { deliverOutbox } from '../../shared/adapters/outbox.ts';
import { recordDecision } from '../../shared/adapters/store/applications.ts';
import { getSurvey } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command } from '../command.ts';

/** Who decided, for the history: SKC_ADMIN, or the operating-system user. */
function reviewer(): string {
  const named = process.env.SKC_ADMIN?.trim();
  if (named) return named;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const command: Command = {
  usage: 'review RESPONSE_ID --decision in-review|approved|rejected|changes-requested [--note TEXT]',
  summary: 'records a review step or decision on an application and emails the applicant',
  options: {
    decision: { type: 'string', description: `the step: ${decisions.join(', ')}` },
    note: {
      type: 'string',
      description: 'a note to the applicant; required for changes-requested and rejected',
    },
  },
  async run({ values, positionals }, context) {
    const [responseId, ...extra] = positionals;
    if (!responseId) throw new UsageError('give the application’s reference number (RESPONSE_ID)');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const decision = values.decision;
    if (!isDecision(decision)) throw new UsageError(`--decision must be one of ${decisions.join(', ')}`);
    const note = ((values.note as string | undefined) ?? '').trim();
    if (!note && (decision === 'changes-requested' || decision === 'rejected'))
      throw new UsageError(`--note is required for ${decision}: the applicant needs to know why`);
    // Before recording anything: a decision must not be stored when its email cannot be sent.
    const mailer = context.mailer();

    const result = await recordDecision(context.db, {
      responseId: responseId.toUpperCase(),
      decision,
      note,
      by: reviewer(),
      now: context.now(),
    });
    if (result.outcome === 'not_found') throw new CommandError(`no application with reference ${responseId}`);
    if (result.outcome === 'invalid') throw new CommandError(`${result.message.sv} / ${result.message.en}`);
    if (result.outcome === 'conflict')
      throw new CommandError(
        `application ${responseId} was changed by someone else meanwhile; nothing was recorded. Check \`skc applications\` and try again.`,
      );

    const { application, entry } = result;
    context.out(
      `${application.responseId} (${application.title}): ${entry.from} → ${entry.to} (${statusText[entry.to].sv}), recorded by ${entry.by}.`,
    );
    const [delivery] = await deliverOutbox(
      {
        db: context.db,
        mailer,
        getSurvey,
        publicUrl: context.config.SKC_PUBLIC_URL,
        now: context.now,
      },
      [result.outboxId],
    );
    switch (delivery?.outcome) {
      case 'sent':
      case 'done':
        context.out('The applicant has been emailed.');
        break;
      case 'skipped':
        context.out('No email sent: the applicant’s contact details have been erased.');
        break;
      default:
        context.err(
          'The decision is recorded, but its email could not be sent now; the mailer retries it from the outbox.',
        );
    }
  },
};
