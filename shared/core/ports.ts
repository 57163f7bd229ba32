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
