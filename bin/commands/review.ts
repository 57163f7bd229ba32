/**
 * `skc review RESPONSE_ID --decision in-review|approved|rejected|changes-requested [--note TEXT]
 * [--criteria id=value,…] [--hours N] [--centre SLUG]`: records a review step — with the review
 * committee's judgement per criterion and the hours it spent, when given — and emails the
 * applicant. An approval links the application to a centre: `--centre` an existing one, otherwise
 * a new one registered from the application (its name and region, approved today), in the same
 * transaction as the decision. The email leaves through the outbox like every other; this command
 * also delivers it at once, so the applicant does not wait for the mailer.
 */
import { userInfo } from 'node:os';
import {
  decisions,
  isDecision,
  parseHours,
  parseJudgement,
  statusText,
  transitionProblem,
  type Application,
} from '../../shared/core/applications.ts';
import { localDate } from '../../shared/core/calendar.ts';
import { checkRegistration, type Centre } from '../../shared/core/centres.ts';
import { deliverOutbox } from '../../shared/adapters/outbox.ts';
import {
  getApplication,
  recordDecision,
  type DecisionRequest,
} from '../../shared/adapters/store/applications.ts';
import { findCentreByName, getCentre } from '../../shared/adapters/store/centres.ts';
import { getSurvey } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command, type Context } from '../command.ts';
import { findRegion } from '../../surveys/regions.ts';

/** Who decided, for the history: SKC_ADMIN, or the operating-system user. */
function reviewer(): string {
  const named = process.env.SKC_ADMIN?.trim();
  if (named) return named;
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

/**
 * The centre an approval links: the one named by --centre, or a new one from the application.
 * Refuses (nothing decided) an unknown --centre, or a new centre whose name is already registered.
 */
async function approvalCentre(
  responseId: string,
  slug: string | undefined,
  context: Context,
): Promise<DecisionRequest['centre']> {
  const application: Application | undefined = await getApplication(context.db, responseId);
  // An unknown or already decided application: recordDecision says so, in its own words.
  if (!application || transitionProblem(application.status, 'approved')) return undefined;
  if (slug !== undefined) {
    const centre = await getCentre(context.db, slug.trim().toLowerCase());
    if (!centre) throw new CommandError(`unknown centre "${slug}"; see skc centres. Nothing was decided.`);
    if (centre.applicationId && centre.applicationId !== responseId)
      throw new CommandError(
        `${centre.slug} is already linked to application ${centre.applicationId}. Nothing was decided.`,
      );
    return { link: centre.slug };
  }
  const check = checkRegistration(
    { name: application.title, region: application.region ?? '', approvedOn: localDate(context.now()) },
    { findRegion, today: localDate(context.now()) },
  );
  if (!check.ok)
    throw new CommandError(
      `cannot register a centre from application ${responseId} (${check.message}); register it with skc centres add and approve with --centre SLUG. Nothing was decided.`,
    );
  const existing = await findCentreByName(context.db, check.centre.name);
  if (existing) throw alreadyRegistered(existing);
  return { register: check.centre };
}

const alreadyRegistered = (centre: Pick<Centre, 'name' | 'slug'>) =>
  new CommandError(
    `a centre named "${centre.name}" is already registered; approve with --centre ${centre.slug} to link it. Nothing was decided.`,
  );

export const command: Command = {
  usage:
    'review RESPONSE_ID --decision in-review|approved|rejected|changes-requested [--note TEXT] [--criteria id=value,…] [--hours N] [--centre SLUG]',
  summary: 'records a review step or decision on an application and emails the applicant',
  options: {
    decision: { type: 'string', description: `the step: ${decisions.join(', ')}` },
    note: {
      type: 'string',
      description: 'a note to the applicant; required for changes-requested and rejected',
    },
    criteria: {
      type: 'string',
      description: 'the review committee’s judgement, id=value,… (1–5 per criterion of surveys/criteria.ts)',
    },
    hours: { type: 'string', description: 'hours the committee spent on this review step' },
    centre: {
      type: 'string',
      description: 'with approved: link this registered centre (default: register one from the application)',
    },
  },
  async run({ values, positionals }, context) {
    const [responseId, ...extra] = positionals;
    if (!responseId) throw new UsageError('give the application’s reference number (RESPONSE_ID)');
    if (extra.length > 0) throw new UsageError(`unexpected argument "${extra[0]}"`);
    const decision = values.decision;
    if (!isDecision(decision)) throw new UsageError(`--decision must be one of ${decisions.join(', ')}`);
    const note = ((values.note as string | undefined) ?? '').trim();
    if (!note && (decision === 'changes-requested' || decision === 'rejected'))
      throw new UsageError(`--note is required for ${decision}: the applicant needs to know why`);
    const criteria = values.criteria === undefined ? undefined : parseJudgement(String(values.criteria));
    if (criteria && !criteria.ok) throw new UsageError(`--criteria: ${criteria.message}`);
    const hours = values.hours === undefined ? undefined : parseHours(String(values.hours));
    if (hours && !hours.ok) throw new UsageError(hours.message);
    const centreSlug = values.centre as string | undefined;
    if (centreSlug !== undefined && decision !== 'approved')
      throw new UsageError('--centre goes with --decision approved: an approval links the centre');
    // Before recording anything: a decision must not be stored when its email cannot be sent.
    const mailer = context.mailer();

    const id = responseId.toUpperCase();
    const centre = decision === 'approved' ? await approvalCentre(id, centreSlug, context) : undefined;
    const result = await recordDecision(context.db, {
      responseId: id,
      decision,
      note,
      by: reviewer(),
      now: context.now(),
      ...(criteria?.ok && { criteria: criteria.value }),
      ...(hours?.ok && { hours: hours.value }),
      ...(centre && { centre }),
    });
    if (result.outcome === 'not_found') throw new CommandError(`no application with reference ${responseId}`);
    if (result.outcome === 'invalid') throw new CommandError(`${result.message.sv} / ${result.message.en}`);
    if (result.outcome === 'conflict')
      throw new CommandError(
        `application ${responseId} was changed by someone else meanwhile; nothing was recorded. Check \`skc applications\` and try again.`,
      );
    if (result.outcome === 'centre_conflict') {
      // The centre changed between our read and the transaction: say what it is now.
      if (centre && 'register' in centre) throw alreadyRegistered(centre.register);
      throw new CommandError(
        `centre ${centreSlug} is gone or linked to another application meanwhile. Nothing was decided.`,
      );
    }

    const { application, entry } = result;
    context.out(
      `${application.responseId} (${application.title}): ${entry.from} → ${entry.to} (${statusText[entry.to].sv}), recorded by ${entry.by}.`,
    );
    if (centre)
      context.out(
        'register' in centre
          ? `Registered the centre ${centre.register.name} (${centre.register.slug}), approved ${centre.register.approvedOn}.`
          : `Linked to the centre ${centre.link}.`,
      );
    const [delivery] = await deliverOutbox(
      {
        db: context.db,
        mailer,
        getSurvey,
        publicUrl: context.config.SKC_PUBLIC_URL,
        now: context.now,
      },
      [result.outboxId],
    );
    switch (delivery?.outcome) {
      case 'sent':
      case 'done':
        context.out('The applicant has been emailed.');
        break;
      case 'skipped':
        context.out('No email sent: the applicant’s contact details have been erased.');
        break;
      case 'busy':
        context.out('The mailer is sending the applicant’s email right now.');
        break;
      case 'failed':
        context.err(
          `The decision is recorded, but SES refused its email (${delivery.reason}); \`skc outbox\` lists it and \`skc outbox retry ${delivery.id}\` sends it again.`,
        );
        break;
      case 'uncertain':
        context.err(
          `The decision is recorded; SES did not answer when its email was sent, so it may have been delivered and is not sent again by itself. \`skc outbox retry ${delivery.id}\` sends it anyway.`,
        );
        break;
      default:
        context.err(
          'The decision is recorded, but its email could not be sent now; the mailer retries it from the outbox.',
        );
    }
  },
};
