/** `skc erase --email ADDRESS`: removes that person's personal data everywhere; aggregates stay. */
import { describeErasure } from '../../shared/core/erase.ts';
import { eraseByEmail } from '../../shared/adapters/store/erase.ts';
import { normaliseEmail } from '../../shared/core/tokens.ts';
import { UsageError, type Command } from '../command.ts';

export const command: Command = {
  usage: 'erase --email ADDRESS',
  summary: "removes a person's personal data everywhere; aggregates stay",
  options: { email: { type: 'string', description: 'the address whose data is erased' } },
  async run({ values }, context) {
    const address = normaliseEmail((values.email as string | undefined) ?? '');
    if (!/^[^\s@]+@[^\s@]+$/.test(address)) throw new UsageError('--email must be an email address');
    const report = await eraseByEmail(context.db, address, {
      now: context.now(),
      expiresAt: context.retentionUntil,
    });
    for (const line of describeErasure(address, report)) context.out(line);
  },
};
