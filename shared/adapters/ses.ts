/**
 * The SES adapter: a MIME message built by nodemailer's composer (never by hand) and sent with
 * SendRawEmail, which keeps every recipient in the headers (SES local records them from there).
 *
 * Every failure leaves as one of the core's three mail errors (shared/core/ports.ts), decided
 * here once: not sent (no connection: retry), refused (SES answered with an error: by its code,
 * about the recipient, the sender/account, or passing), uncertain (the request went out and no
 * answer came: SES may have delivered it, so nobody resends it blindly).
 */
import { SESClient, SendRawEmailCommand } from '@aws-sdk/client-ses';
import type MailComposer from 'nodemailer/lib/mail-composer';
import {
  MailNotSentError,
  MailRefusedError,
  MailUncertainError,
  type MailError,
  type Mailer,
  type RefusalScope,
} from '../core/ports.ts';
import { localCredentials, type Config } from './config.ts';

export { MailError, MailNotSentError, MailRefusedError, MailUncertainError } from '../core/ports.ts';

/**
 * nodemailer's composer, loaded at the first send rather than at import: the digest function
 * starts every Monday and sends at most once, and the composer was a fifth of its cold start.
 */
let composer: Promise<typeof MailComposer> | undefined;
const loadComposer = () =>
  (composer ??= import('nodemailer/lib/mail-composer').then((module) => module.default));

export type MailerOptions = {
  region: string;
  from: string;
  endpoint?: string;
  configurationSet?: string;
  /** How long to wait for a connection, and then for SES's answer (tests shorten them). */
  timeouts?: { connectionMs: number; requestMs: number };
};

/** Line breaks in a header value would let user text add headers (header injection). */
function headerSafe(value: string): string {
  return value.replace(/[\r\n\u2028\u2029]+/g, ' ').trim();
}

export function createMailer(options: MailerOptions): Mailer {
  const client = new SESClient({
    region: options.region,
    ...(options.endpoint && { endpoint: options.endpoint, credentials: localCredentials }),
    requestHandler: {
      connectionTimeout: options.timeouts?.connectionMs ?? 2_000,
      requestTimeout: options.timeouts?.requestMs ?? 10_000,
      throwOnRequestTimeout: true,
    },
    // SendRawEmail is not idempotent: an SDK retry after a timeout could deliver twice. Every caller
    // has its own retry that knows what was sent (outbox lease, digest claim, CLI rerun).
    maxAttempts: 1,
  });
  return {
    async send(mail) {
      const headers = Object.fromEntries(
        Object.entries(mail.headers ?? {}).map(([name, value]) => [name, headerSafe(value)]),
      );
      const Composer = await loadComposer();
      const message = await new Composer({
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
        throw classifySendFailure(error);
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

/** Errors raised before a connection existed: the request never left this machine. */
const NO_CONNECTION = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'EADDRNOTAVAIL',
]);

/** SES codes about the sending identity or the account: nothing will go out until someone acts. */
const SENDER_CODES = new Set([
  'MailFromDomainNotVerified',
  'AccountSendingPaused',
  'ConfigurationSetSendingPaused',
  'ConfigurationSetDoesNotExist',
  'AccessDenied',
  'InvalidClientTokenId',
  'SignatureDoesNotMatch',
  'UnrecognizedClient',
  'ExpiredToken',
  'MissingAuthenticationToken',
  'OptInRequired',
  'NotAuthorized',
]);

const TRANSIENT_CODES = new Set([
  'Throttling',
  'RequestThrottled',
  'TooManyRequests',
  'ServiceUnavailable',
  'InternalFailure',
  'InternalError',
]);

type SdkFailure = {
  name?: string;
  code?: string;
  message?: string;
  errors?: { code?: string }[];
  $metadata?: { httpStatusCode?: number };
};

/** SES's error code without the SDK's `Exception` suffix (the Query API answers either form). */
function codeOf(failure: SdkFailure): string {
  return (failure.name ?? 'Error').replace(/Exception$/, '');
}

/** Which of the three outcomes a failed SendRawEmail is. */
export function classifySendFailure(error: unknown): MailError {
  const failure = (error ?? {}) as SdkFailure;
  const status = failure.$metadata?.httpStatusCode;
  const message = failure.message ?? '';
  if (status !== undefined && status >= 400) {
    const code = codeOf(failure);
    return new MailRefusedError(`SES refused the message (${code})`, {
      scope: refusalScope(code, status, message),
      code,
      cause: error,
    });
  }
  if (status === undefined) {
    const codes = [failure.code, ...(failure.errors ?? []).map((inner) => inner.code)];
    if (
      codes.some((code) => code && NO_CONNECTION.has(code)) ||
      /did not establish a connection/.test(message)
    )
      return new MailNotSentError('SES could not be reached; nothing was sent', { cause: error });
    if (failure.name === 'CredentialsProviderError')
      return new MailNotSentError('no AWS credentials to sign the request; nothing was sent', {
        cause: error,
      });
  }
  // A timeout, a reset or a 2xx answer we could not read: the request went out.
  return new MailUncertainError(
    'SES did not answer after the message was handed over; it may have been delivered',
    {
      cause: error,
    },
  );
}

function refusalScope(code: string, status: number, message: string): RefusalScope {
  if (status >= 500 || status === 429 || TRANSIENT_CODES.has(code)) {
    // "Daily message quota exceeded" is a Throttling answer that lasts until the quota resets.
    return /daily message quota/i.test(message) ? 'sender' : 'transient';
  }
  if (SENDER_CODES.has(code)) return 'sender';
  // An unverified sender, and in the sandbox an unverified recipient: fixed only in the account.
  if (code === 'MessageRejected' && /not verified/i.test(message)) return 'sender';
  return 'recipient';
}

/** Whether SES refused this one message for its recipient: that row fails, the run goes on. */
export function isRefusedMail(error: unknown): error is MailRefusedError {
  return error instanceof MailRefusedError && error.scope === 'recipient';
}
