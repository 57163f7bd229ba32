/**
 * The weekly digest job: EventBridge Scheduler invokes it (Monday morning, any payload) and it
 * sends the last full week's digest, exactly as `skc digest` does. It throws when the digest could
 * not be sent or a run is unconfirmed, so the function's Errors alarm and its on-failure
 * destination see it; a retry is safe because the period is claimed before sending.
 */
import { lastFullWeek } from '../shared/core/calendar.ts';
import { runDigest } from '../shared/core/digest-run.ts';
import { logger } from '../shared/adapters/log.ts';
import { pipelineMetrics } from '../shared/adapters/metrics.ts';
import { mailerFrom } from '../shared/adapters/ses.ts';
import { digestStore } from '../shared/adapters/store/digest.ts';
import { renderDigestEmail } from '../shared/views/mail/digest.ts';
import { surveys } from '../surveys/index.ts';
import { jobHandler } from './job.ts';
import { wire } from './wiring.ts';

const { config, db } = wire();
// Built here rather than in wiring.ts, so functions that never send mail do not bundle the SES client.
const mailer = mailerFrom(config);

// Any payload: the schedule's event carries nothing the digest needs.
export const handler = jobHandler<void, { period: string; outcome: string }>(async () => {
  const now = new Date();
  const period = lastFullWeek(now);
  const result = await runDigest(
    {
      store: digestStore(db),
      render: renderDigestEmail,
      surveys,
      mailer,
      recipients: config.SKC_DIGEST_RECIPIENTS,
      pilotStart: config.SKC_PILOT_START,
    },
    { period, force: false, now },
  );
  if (result.outcome === 'unconfirmed') {
    logger.error('digest unconfirmed', { period, claimedAt: result.record.claimedAt });
    throw new Error(
      `The digest for ${period} was claimed at ${result.record.claimedAt} but never confirmed as sent; check the SES log and run "skc digest --period ${period} --force" if it did not go out`,
    );
  }
  if (result.outcome === 'in-progress') {
    // A retry of a run that died while holding the claim: fail so the Errors alarm and the
    // dead-letter queue show it, rather than skipping the week without a word.
    throw new Error(
      `The digest for ${period} is claimed by a run that has not finished; check again after its lease`,
    );
  }
  if (result.outcome === 'sent') {
    pipelineMetrics.digestSent();
    logger.info('digest sent', { period, messageId: result.messageId, recipients: result.recipients });
  } else logger.info('digest not sent', { period, outcome: result.outcome });
  return { period, outcome: result.outcome };
});
