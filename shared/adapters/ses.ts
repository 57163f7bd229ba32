/**
 * The SES adapter: a MIME message built by nodemailer's composer (never by hand) and sent with
 * SendRawEmail, which keeps every recipient in the headers (SES local records them from there).
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Mailer } from '../core/ports.ts';
import { localCredentials, type Config } from './config.ts';

/** Mail could not be handed to SES; nothing was sent, the caller may retry. */
export class MailUnavailableError extends Error {
  override name = 'MailUnavailableError';
}

export type MailerOptions = { region: string; from: string; endpoint?: string; configurationSet?: string };

/** Line breaks in a header value would let user text add headers (header injection). */
function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

export function createMailer(options: MailerOptions): Mailer {
  const client = new SESClient({
    region: options.region,
    ...(options.endpoint && { endpoint: options.endpoint, credentials: localCredentials }),
    requestHandler: { connectionTimeout: 2_000, requestTimeout: 10_000, throwOnRequestTimeout: true },
    // SendRawEmail is not idempotent: an SDK retry after a timeout could deliver twice. Every caller
    // has its own retry that knows what was sent (outbox lease, digest claim, CLI rerun).
    maxAttempts: 1,
  });
  return {
    async send(mail) {
      const headers = Object.fromEntries(
        Object.entries(mail.headers ?? {}).map(([name, value]) => [name, headerSafe(value)]),
      );
      const message = await new MailComposer({
        from: options.from,
        to: mail.to.map(headerSafe),
        subject: headerSafe(mail.subject),
        text: mail.text,
        ...(mail.html && { html: mail.html }),
        ...(mail.attachments && { attachments: mail.attachments }),
        headers,
      })
        .compile()
        .build();
      try {
        const result = await client.send(
          new SendRawEmailCommand({
            RawMessage: { Data: message },
            ...(options.configurationSet && { ConfigurationSetName: options.configurationSet }),
          }),
        );
        return { messageId: result.MessageId ?? '' };
      } catch (error) {
        throw new MailUnavailableError('Email could not be sent', { cause: error });
      }
    },
  };
}

/** The mailer configured from the environment (functions, local runtime and CLI alike). */
export function mailerFrom(config: Config): Mailer {
  return createMailer({
    region: config.AWS_REGION,
    from: config.SKC_FROM_ADDRESS,
    ...(config.SKC_SES_ENDPOINT && { endpoint: config.SKC_SES_ENDPOINT }),
    ...(config.SKC_SES_CONFIGURATION_SET && { configurationSet: config.SKC_SES_CONFIGURATION_SET }),
  });
}

/**
 * Whether SES answered and refused this one message (a bad address, say), as opposed to being
 * unreachable or throttling: a refusal fails one row, an outage stops the run.
 */
export function isRefusedMail(error: unknown): boolean {
  const cause = (error as { cause?: { name?: string; $metadata?: { httpStatusCode?: number } } }).cause;
  const status = cause?.$metadata?.httpStatusCode;
  if (status === undefined || status < 400 || status >= 500 || status === 429) return false;
  return !/throttl|limit/i.test(cause?.name ?? '');
}
