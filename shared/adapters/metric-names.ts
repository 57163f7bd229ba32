/**
 * The names of the pipeline's own metrics (CloudWatch EMF), in one place: the functions emit them
 * through `metrics.ts`, and alarms and the dashboard in infra/ must name exactly these. Every one
 * is a Count in the namespace POWERTOOLS_METRICS_NAMESPACE, with the `service` dimension.
 */
export const metricNames = {
  /** A submission stored for the first time (not a replayed retry). */
  answersStored: 'AnswersStored',
  /**
   * A submission refused: once without a reason (for an alarm on the total) and once with the
   * `reason` dimension, the problem's code (validation, forbidden, closed, conflict,
   * already_answered, too_large, bad_request, unsupported_media_type, not_found, …).
   */
  answersRefused: 'AnswersRefused',
  /** A digest handed to SES by the weekly job. */
  digestsSent: 'DigestsSent',
  /** An outbox mail (receipt or decision) handed to SES by the mailer. */
  mailSent: 'MailSent',
  /** Of those, receipts. */
  receiptsSent: 'ReceiptsSent',
  /** An outbox mail failed for good: SES refused its recipient, or kept refusing in passing. */
  mailFailed: 'MailFailed',
  /** A receipt not sent because its mailbox had its confirmations for the last 24 hours. */
  receiptsHeldBack: 'ReceiptsHeldBack',
  /** An outbox mail SES took and never answered: it may have been delivered; never resent by itself. */
  mailUncertain: 'MailUncertain',
  /** SES refused the sender or the account (unverified identity, sandbox, sending paused): alarmed. */
  mailSenderRefused: 'MailSenderRefused',
  /**
   * The Monday-noon check of last week's digest: 1 when its run record holds no message id, 0 when
   * it went out. Always emitted, so the alarm and the dashboard see a check that found nothing wrong.
   */
  digestMissing: 'DigestMissing',
} as const;

/** The dimension that says why a submission was refused. */
export const refusalReasonDimension = 'reason';
