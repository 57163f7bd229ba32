/**
 * One digest run, the same for the weekly function and `skc digest`: build the model from the
 * counters, render the email, claim the period, send, record. The claim makes a period's digest
 * go out once; a failed send gives the claim back so the next run sends it.
 */
import { period as periodOf } from './calendar.ts';
import type { Survey } from './definition.ts';
import { buildDigest, type Digest, type DigestSource } from './digest.ts';
import type { Mail, Mailer } from './ports.ts';

/** How many of the period's newest comments the digest shows per survey. */
export const COMMENTS_PER_SURVEY = 5;

export type Comment = { questionId: string; text: string; submittedAt: string };

/** What the digest-run record says about a period. */
export type RunRecord = {
  claimId?: string;
  claimedAt?: string;
  leaseUntil?: string;
  messageId?: string;
  sentAt?: string;
  sends: number;
};

export type Claim =
  | { claimed: true; claimId: string }
  | { claimed: false; state: 'sent' | 'in-progress' | 'unconfirmed'; record: RunRecord };

/** The digest's port to storage: the counters it reads and the record that makes a period go out once. */
export interface DigestStore {
  readSource(surveys: readonly Survey[], week: string, pilotStart?: string): Promise<DigestSource>;
  readComments(survey: Survey, week: string, limit: number): Promise<Comment[]>;
  claim(week: string, options: { now: Date; force: boolean }): Promise<Claim>;
  recordSent(
    week: string,
    claimId: string,
    sent: { messageId: string; sentAt: Date; recipients: number },
  ): Promise<void>;
  release(week: string, claimId: string): Promise<void>;
}

export type DigestEmail = Required<Pick<Mail, 'subject' | 'html' | 'text' | 'attachments'>>;
export type DigestContext = {
  surveys: readonly Survey[];
  /** The period's newest comments per survey id. */
  comments: Record<string, Comment[]>;
};
/** Renders the digest email (shared/views/mail/digest.ts); a parameter, so the core holds no HTML. */
export type RenderDigest = (digest: Digest, context: DigestContext) => DigestEmail;

export type DigestDeps = {
  store: DigestStore;
  render: RenderDigest;
  surveys: readonly Survey[];
  mailer: Mailer;
  recipients: readonly string[];
  /** `SKC_PILOT_START`: where the "pilot so far" totals start; default `pilot.start`. */
  pilotStart?: string;
};

export type PreparedDigest = { digest: Digest; email: DigestEmail };

/** A digest that cannot be sent as asked; the CLI answers it as a usage error (exit 2). */
export class DigestRefusedError extends Error {
  override name = 'DigestRefusedError';
}

/** Builds the model and the email of a week without sending anything (works for the running week). */
export async function prepareDigest(
  deps: Pick<DigestDeps, 'store' | 'render' | 'surveys' | 'pilotStart'>,
  week: string,
): Promise<PreparedDigest> {
  const [source, comments] = await Promise.all([
    deps.store.readSource(deps.surveys, week, deps.pilotStart),
    Promise.all(deps.surveys.map((survey) => deps.store.readComments(survey, week, COMMENTS_PER_SURVEY))),
  ]);
  const digest = buildDigest(source);
  const bySurvey: Record<string, Comment[]> = Object.fromEntries(
    deps.surveys.map((survey, index) => [survey.id, comments[index] ?? []]),
  );
  return { digest, email: deps.render(digest, { surveys: deps.surveys, comments: bySurvey }) };
}

export type DigestOutcome =
  | { outcome: 'sent'; messageId: string; recipients: number; prepared: PreparedDigest }
  /** Sent before; nothing sent now. */
  | { outcome: 'already-sent'; record: RunRecord }
  /** Another run holds a live claim and is sending right now. */
  | { outcome: 'in-progress'; record: RunRecord }
  /** A claim's lease ran out with no message id: the digest may or may not have gone out. */
  | { outcome: 'unconfirmed'; record: RunRecord };

export async function runDigest(
  deps: DigestDeps,
  options: { period: string; force: boolean; now: Date },
): Promise<DigestOutcome> {
  const week = options.period;
  if (periodOf(week).end.getTime() > options.now.getTime())
    throw new DigestRefusedError(
      `week ${week} has not ended yet; sending it now would use up its digest. Use --dry-run or --json to look at it.`,
    );
  if (deps.recipients.length === 0)
    throw new DigestRefusedError('no recipients: set SKC_DIGEST_RECIPIENTS (comma-separated addresses).');

  // Build first: a failure to read or render should not leave a claim behind.
  const prepared = await prepareDigest(deps, week);
  const claim = await deps.store.claim(week, { now: options.now, force: options.force });
  if (!claim.claimed) {
    const outcome = claim.state === 'sent' ? 'already-sent' : claim.state;
    return { outcome, record: claim.record };
  }
  let messageId: string;
  try {
    ({ messageId } = await deps.mailer.send({
      to: [...deps.recipients],
      subject: prepared.email.subject,
      text: prepared.email.text,
      html: prepared.email.html,
      attachments: prepared.email.attachments,
    }));
  } catch (error) {
    await deps.store.release(week, claim.claimId);
    throw error;
  }
  // If this write fails the claim stays without a message id: reported as unconfirmed, never resent blindly.
  await deps.store.recordSent(week, claim.claimId, {
    messageId,
    sentAt: options.now,
    recipients: deps.recipients.length,
  });
  return { outcome: 'sent', messageId, recipients: deps.recipients.length, prepared };
}
