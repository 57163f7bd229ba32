/**
 * The jobs that run without a request: the weekly digest (EventBridge Scheduler, Monday 07:00
 * Stockholm time), the check at noon that it went out, and the mailer (fed by the table's stream,
 * outbox inserts only). Each has a dead-letter queue or an alarm for what it could not do, so
 * nothing fails silently.
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { FilterCriteria, FilterRule, StartingPosition, type IFunction } from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke, type ScheduleTargetBaseProps } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { table as design } from '../../shared/adapters/store/table.ts';
import { acknowledge, arnWildcardFinding } from '../nag.ts';

export type JobsProps = {
  table: ITableV2;
  digest: IFunction;
  /** Counts DigestMissing for the week the digest should have covered. */
  digestCheck: IFunction;
  mailer: IFunction;
};

export class Jobs extends Construct {
  /** Digest invocations that failed: Scheduler could not invoke, or the function kept failing. */
  readonly digestDeadLetters: Queue;
  /** Outbox records the mailer could not send after its retries. */
  readonly mailerDeadLetters: Queue;
  readonly digestSchedule: Schedule;
  readonly digestCheckSchedule: Schedule;

  constructor(scope: Construct, id: string, props: JobsProps) {
    super(scope, id);
    this.digestDeadLetters = deadLetterQueue(this, 'DigestDeadLetters');
    this.mailerDeadLetters = deadLetterQueue(this, 'MailerDeadLetters');

    // Scheduler's dead-letter queue only sees invocations it could not deliver; an error inside the
    // function is an asynchronous invocation failure, which needs the function's own destination.
    // Retrying is safe: a digest claims its period before sending and is sent once (design.md).
    props.digest.configureAsyncInvoke({
      retryAttempts: 2,
      maxEventAge: Duration.hours(6),
      onFailure: new SqsDestination(this.digestDeadLetters),
    });
    this.digestSchedule = invokeOnSchedule(this, props.digest, {
      id: 'WeeklyDigest',
      roleId: 'SchedulerRole',
      description: 'the weekly digest to the working group',
      invoker: 'the weekly schedule',
      target: 'digest',
      schedule: weekly('MON', '7'),
      retries: { retryAttempts: 3, maxEventAge: Duration.hours(2), deadLetterQueue: this.digestDeadLetters },
    });

    // Five hours after the digest, time for its retries: a week without a digest is a metric
    // (DigestMissing) with an alarm, not something a person has to notice in their inbox.
    this.digestCheckSchedule = invokeOnSchedule(this, props.digestCheck, {
      id: 'WeeklyDigestCheck',
      roleId: 'DigestCheckRole',
      description: "checks that last week's digest went out",
      invoker: 'the weekly check',
      target: 'digest-check',
      schedule: weekly('MON', '12'),
      retries: { retryAttempts: 3, maxEventAge: Duration.hours(2), deadLetterQueue: this.digestDeadLetters },
    });

    // A stream record whose retries ran out is parked with its shard position only, not its mail:
    // this sweep sends whatever is still pending, so no receipt or decision is ever lost.
    invokeOnSchedule(this, props.mailer, {
      id: 'OutboxSweep',
      roleId: 'OutboxSweepRole',
      description: 'sends outbox mail still pending after the stream gave up',
      invoker: 'the outbox sweep',
      target: 'mailer',
      schedule: ScheduleExpression.rate(Duration.minutes(15)),
      retries: { retryAttempts: 0 },
      input: ScheduleTargetInput.fromObject({ sweep: true }),
    });

    props.mailer.addEventSource(
      new DynamoEventSource(props.table, {
        // Start at the oldest record: an outbox item written before the mapping existed is still sent.
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 10,
        filters: [
          FilterCriteria.filter({
            eventName: FilterRule.isEqual('INSERT'),
            dynamodb: { Keys: { [design.partitionKey]: { S: FilterRule.beginsWith('OUTBOX#') } } },
          }),
        ],
        // A poison record is isolated by halving the batch, retried a bounded number of times, then
        // parked in the dead-letter queue instead of blocking the shard for 24 hours.
        bisectBatchOnError: true,
        retryAttempts: 5,
        maxRecordAge: Duration.hours(6),
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(this.mailerDeadLetters),
      }),
    );
  }
}

/** Weekly at the full hour, Stockholm time (daylight saving included). */
function weekly(weekDay: string, hour: string): ScheduleExpression {
  return ScheduleExpression.cron({ minute: '0', hour, weekDay, timeZone: TimeZone.of('Europe/Stockholm') });
}

type ScheduledJob = {
  id: string;
  roleId: string;
  /** What the schedule does, after "skc-pilot: ". */
  description: string;
  /** For the role's description: "lets <invoker> invoke the <target> function". */
  invoker: string;
  target: string;
  schedule: ScheduleExpression;
  retries: Pick<ScheduleTargetBaseProps, 'retryAttempts' | 'maxEventAge' | 'deadLetterQueue'>;
  input?: ScheduleTargetInput;
};

/**
 * A Scheduler schedule that invokes one function, with a role of its own that may invoke only
 * that function (its versions and aliases included) and only for this account's schedules.
 */
function invokeOnSchedule(scope: Construct, fn: IFunction, job: ScheduledJob): Schedule {
  const role = new Role(scope, job.roleId, {
    assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
      conditions: { StringEquals: { 'aws:SourceAccount': Stack.of(scope).account } },
    }),
    description: `skc-pilot: lets ${job.invoker} invoke the ${job.target} function`,
  });
  acknowledge(
    role,
    arnWildcardFinding(fn, ':*'),
    `Scheduler invokes the ${job.target} function; the grant covers its versions and aliases (<arn>:*) and no other function.`,
  );
  return new Schedule(scope, job.id, {
    description: `skc-pilot: ${job.description}`,
    schedule: job.schedule,
    target: new LambdaInvoke(fn, { role, ...job.retries, ...(job.input && { input: job.input }) }),
  });
}

function deadLetterQueue(scope: Construct, id: string): Queue {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  acknowledge(
    queue,
    'AwsSolutions-SQS3',
    'This queue is itself a dead-letter queue (of Scheduler, an async invocation or a stream mapping, which cdk-nag does not recognise); its messages wait for a person, watched by an alarm.',
  );
  return queue;
}
