/**
 * `skc copy RESPONSE_ID` — emails the applicant the copy of their answers that the confirmation
 * offers on request. It goes to the address on file only, never to the address a request came
 * from, and carries no one's personal data but that address (a typed address may be a stranger's).
 */
import { answersOnFile } from '../../shared/adapters/outbox-held.ts';
import { isResponseId } from '../../shared/core/tokens.ts';
import { answersCopyMail } from '../../shared/views/mail/receipt.ts';
import { getSurvey } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command } from '../command.ts';

export const command: Command = {
  usage: 'copy RESPONSE_ID',
  summary: 'emails a copy of an application’s answers to the address on file (when the applicant asks)',
  options: {},
  async run({ positionals }, context) {
    const [given, ...extra] = positionals;
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const responseId = given?.toUpperCase();
    if (!responseId || !isResponseId(responseId))
      throw new UsageError('give the reference number, such as K7F3-9QPA-2MXD');
    const mailer = context.mailer();
    const onFile = await answersOnFile({ db: context.db, getSurvey }, responseId);
    if (!onFile)
      throw new CommandError(`no answers with contact details for ${responseId} (unknown, or erased)`);
    await mailer.send(
      answersCopyMail({
        ...onFile,
        responseId,
        publicUrl: context.config.SKC_PUBLIC_URL,
      }),
    );
    context.out(`Sent a copy of ${responseId} to the address on file.`);
  },
};
