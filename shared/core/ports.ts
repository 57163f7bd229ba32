/**
 * The ports the core needs from the outside world, declared here and implemented in
 * shared/adapters/ (SES for the mailer, DynamoDB for the stores), so the core stays pure.
 */

type Attachment = { filename: string; content: string | Buffer; contentType: string };

export type Mail = {
  to: string[];
  subject: string;
  text: string;
  html?: string;
  attachments?: Attachment[];
  /** Extra headers, e.g. List-Unsubscribe; line breaks are removed from values. */
  headers?: Record<string, string>;
};

export interface Mailer {
  send(mail: Mail): Promise<{ messageId: string }>;
}

/**
 * What a failed send means, decided once in the SES adapter so every sender (outbox, digest,
 * invitations, reminders) acts on the same three outcomes.
 */
export abstract class MailError extends Error {}

/** The message never left (connection refused, no route, no connection in time): retrying is safe. */
export class MailNotSentError extends MailError {
  override name = 'MailNotSentError';
}

/**
 * What a refusal is about: the one recipient (that item fails), the sender or the account (stop
 * sending anything until someone fixes it), or a passing condition (throttling, a 5xx: retry later).
 */
export type RefusalScope = 'recipient' | 'sender' | 'transient';

/** SES answered with an error: the message was not accepted. */
export class MailRefusedError extends MailError {
  override name = 'MailRefusedError';
  readonly scope: RefusalScope;
  /** SES's error code, e.g. MessageRejected; safe to log (no address in it). */
  readonly code: string;
  constructor(message: string, options: { scope: RefusalScope; code: string; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.scope = options.scope;
    this.code = options.code;
  }
  /** Whether retrying the same message can ever succeed without someone changing something. */
  get permanent(): boolean {
    return this.scope !== 'transient';
  }
}

/**
 * The request went out and no answer came back (a timeout, a dropped connection): SES may have
 * delivered it. Never retried automatically; only an administrator's explicit resend repeats it.
 */
export class MailUncertainError extends MailError {
  override name = 'MailUncertainError';
}
