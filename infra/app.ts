/** The CDK app entry (`cdk.json`): everything it deploys is defined in deployment.ts. */
import { App } from 'aws-cdk-lib';
import { defineDeployment } from './deployment.ts';

defineDeployment(new App());
