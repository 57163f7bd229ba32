/**
 * What the CDK app deploys, apart from the entry point so tests build exactly what `cdk synth`
 * builds: the validated configuration, the pipeline stack, the optional edge stack (CloudFront +
 * WAF in us-east-1), and the cdk-nag AWS Solutions checks, which fail synthesis on any finding
 * that is not acknowledged with a reason.
 */
import { Annotations, Tags, Validations, type App } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { customDomainOf, readConfig, type DeployConfig } from './config.ts';
import { EdgeStack } from './edge-stack.ts';
import { originSecretName, PipelineStack } from './stack.ts';

export type Deployment = { config: DeployConfig; pipeline: PipelineStack; edge?: EdgeStack };

export function defineDeployment(app: App): Deployment {
  const config = readConfig(app.node);
  const domain = customDomainOf(config);

  const pipeline = new PipelineStack(app, `skc-${config.stage}`, {
    description: `skc-pilot (${config.stage}): forms, surveys and the weekly digest`,
    env: { region: config.region },
    crossRegionReferences: config.edge,
    config,
    domainOnApi: !config.edge,
  });

  if (!config.alarmEmail) {
    // A warning, not an error: a first synth or a test stage may well have no one on call yet.
    Annotations.of(pipeline.monitoring).addWarningV2(
      'skc:alarms-notify-nobody',
      'No alarmEmail: the alarms go to an SNS topic nobody subscribes to, so failures notify no one. Deploy with -c alarmEmail=<address>.',
    );
  }

  let edge: EdgeStack | undefined;
  if (config.edge) {
    edge = new EdgeStack(app, `skc-${config.stage}-edge`, {
      description: `skc-pilot (${config.stage}): CloudFront and WAF per-client limits in front of the API`,
      env: { region: 'us-east-1' },
      crossRegionReferences: true,
      apiEndpoint: pipeline.api.httpApi.apiEndpoint,
      submitLimit: config.edgeSubmitLimit,
      requestLimit: config.edgeRequestLimit,
      originSecretName: originSecretName(config.stage),
      ...(domain && { domain }),
    });
    if (!config.publicUrl && !domain) {
      Annotations.of(edge).addWarningV2(
        'skc:edge-public-url',
        'Emailed links use the API URL until publicUrl is set: after the first deploy, deploy again with -c publicUrl=https://<DistributionDomainName>.',
      );
    }
  }

  Tags.of(app).add('project', 'skc-pilot');
  Tags.of(app).add('stage', config.stage);
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return { config, pipeline, ...(edge && { edge }) };
}
