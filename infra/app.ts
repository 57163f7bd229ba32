/** The CDK app entry (`cdk.json`): everything it deploys is defined in deployment.ts. */
import { App } from 'aws-cdk-lib';
import { ConfigError } from './config.ts';
import { defineDeployment } from './deployment.ts';

try {
  defineDeployment(new App());
} catch (error) {
  // A mistake in `-c key=value` or cdk.json is the user's to fix: one line, no stack trace.
  if (!(error instanceof ConfigError)) throw error;
  console.error(`Invalid CDK context (cdk.json or -c key=value): ${error.problems.join('; ')}`);
  process.exitCode = 1;
}
