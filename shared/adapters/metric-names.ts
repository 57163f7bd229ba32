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
  /** An outbox mail that could not be sent this time (left pending, retried). */
  mailFailed: 'MailFailed',
  // Mail hardening adds here: receipts held back by the per-mailbox cap (`ReceiptsHeldBack`) and
  // sends whose outcome is unknown (`MailUncertain`), emitted from the outbox's outcomes.
} as const;

/** The dimension that says why a submission was refused. */
export const refusalReasonDimension = 'reason';
