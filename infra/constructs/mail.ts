/**
 * Sending mail through SES: the verified identity, a configuration set that keeps the sending
 * reputation visible (bounce and complaint events as CloudWatch metrics, reputation metrics on,
 * bounced and complaining addresses suppressed), and a send permission scoped to exactly these two.
 */
import { Stack } from 'aws-cdk-lib';
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import {
  CloudWatchDimensionSource,
  ConfigurationSet,
  ConfigurationSetTlsPolicy,
  EmailIdentity,
  EmailSendingEvent,
  EventDestination,
  Identity,
  SuppressionReasons,
} from 'aws-cdk-lib/aws-ses';
import { Construct } from 'constructs';

export type MailProps = {
  /** A domain (verified with Easy DKIM) or a single email address. */
  identity: string;
};

export class Mail extends Construct {
  readonly identity: EmailIdentity;
  readonly configurationSet: ConfigurationSet;
  /** A domain identity is verified by DKIM records in DNS; an address by a link SES emails to it. */
  readonly isDomain: boolean;

  constructor(scope: Construct, id: string, props: MailProps) {
    super(scope, id);
    this.isDomain = !props.identity.includes('@');

    this.configurationSet = new ConfigurationSet(this, 'ConfigurationSet', {
      reputationMetrics: true,
      sendingEnabled: true,
      tlsPolicy: ConfigurationSetTlsPolicy.REQUIRE,
      suppressionReasons: SuppressionReasons.BOUNCES_AND_COMPLAINTS,
    });
    // Counts only: the events' recipient addresses never leave SES.
    this.configurationSet.addEventDestination('ToCloudWatch', {
      destination: EventDestination.cloudWatchDimensions([
        {
          name: 'ses:configuration-set',
          source: CloudWatchDimensionSource.MESSAGE_TAG,
          defaultValue: 'none',
        },
      ]),
      events: [
        EmailSendingEvent.SEND,
        EmailSendingEvent.DELIVERY,
        EmailSendingEvent.BOUNCE,
        EmailSendingEvent.COMPLAINT,
        EmailSendingEvent.REJECT,
        EmailSendingEvent.RENDERING_FAILURE,
      ],
    });

    this.identity = new EmailIdentity(this, 'Identity', {
      identity: this.isDomain ? Identity.domain(props.identity) : Identity.email(props.identity),
      // Mail sent without naming a configuration set still gets this one.
      configurationSet: this.configurationSet,
    });
  }

  /** The ARN IAM checks when a message names the configuration set. */
  get configurationSetArn(): string {
    return Stack.of(this).formatArn({
      service: 'ses',
      resource: 'configuration-set',
      resourceName: this.configurationSet.configurationSetName,
    });
  }

  /**
   * Allows sending from this identity through this configuration set, and nothing else: raw
   * messages only, the one call shared/mail makes (SendRawEmail).
   */
  grantSend(grantee: IGrantable): void {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: ['ses:SendRawEmail'],
        resources: [this.identity.emailIdentityArn, this.configurationSetArn],
      }),
    );
  }
}
