/**
 * `skc outbox` lists the mail the outbox set aside — failed (SES refused the recipient, or kept
 * refusing in passing) or uncertain (sent, and SES never answered: it may have been delivered) —
 * with its id, kind, when, why and a masked recipient. `skc outbox retry ID` sends one again now:
 * for an uncertain mail that is the administrator's decision that a second copy is acceptable.
 */
import { deliverOutbox } from '../../shared/adapters/outbox.ts';
import { listHeldOutbox, retryHeldOutbox } from '../../shared/adapters/outbox-held.ts';
import { getSurvey } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command } from '../command.ts';

/** Enough of an address to recognise it, not enough to copy it from a screen or a log. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at < 1) return '***';
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  const dot = domain.lastIndexOf('.');
  const host = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local[0]}***@${host[0] ?? ''}***${tld}`;
}

export const command: Command = {
  usage: 'outbox [retry ID]',
  summary:
    'lists mail that failed or may have been delivered (SES never answered); `retry ID` sends one again now',
  options: {},
  async run({ positionals }, context) {
    const [action, id, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    if (action === undefined) {
      const held = await listHeldOutbox({ db: context.db, getSurvey });
      if (held.length === 0) {
        context.out('No failed or uncertain mail.');
        return 0;
      }
      for (const mail of held)
        context.out(
          [
            mail.id,
            mail.kind,
            mail.state,
            mail.at,
            mail.reason,
            mail.to.length ? mail.to.map(maskAddress).join(', ') : '(erased)',
          ].join('\t'),
        );
      context.out(
        `${held.length} mail(s) set aside. \`skc outbox retry ID\` sends one again (an uncertain one may then arrive twice).`,
      );
      return 0;
    }
    if (action !== 'retry') throw new UsageError(`unknown action "${action}"; the only one is "retry ID"`);
    if (!id) throw new UsageError('give the id of the mail to retry, as `skc outbox` lists it');

    const mailer = context.mailer();
    if (!(await retryHeldOutbox(context.db, id, context.now())))
      throw new CommandError(`no failed or uncertain mail with id ${id}; \`skc outbox\` lists them`);
    const [delivery] = await deliverOutbox(
      { db: context.db, mailer, getSurvey, publicUrl: context.config.SKC_PUBLIC_URL, now: context.now },
      [id],
    );
    switch (delivery?.outcome) {
      case 'sent':
        context.out(`Sent ${id} again.`);
        return 0;
      case 'skipped':
        context.out(`Nothing sent for ${id}: the person's contact details have been erased.`);
        return 0;
      case 'held-back':
        context.out(`Nothing sent for ${id}: its mailbox has had its confirmations for the last 24 hours.`);
        return 0;
      case 'failed':
      case 'uncertain':
        throw new CommandError(`${id} is ${delivery.outcome} again (${delivery.reason}); see \`skc outbox\``);
      default:
        throw new CommandError(
          `${id} is pending again but was not sent now (${delivery?.outcome}${delivery?.reason ? `: ${delivery.reason}` : ''}); the mailer sends it when SES takes mail`,
        );
    }
  },
};
