/**
 * Synthesises the CDK app the way `cdk synth` does (cdk.json's context, the cdk-nag checks), once
 * per test file. Two steps are slow: bundling with esbuild, which only pipeline.test.ts does, and
 * CDK's built-in CloudFormation schema validation (about 10 s of CPU per synth), which is left to
 * `npx cdk synth`.
 */
import { readFileSync } from 'node:fs';
import { App, Stack, type CfnElement } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { CloudAssembly } from 'aws-cdk-lib/cx-api';
import type { IConstruct } from 'constructs';
import { defineDeployment, type Deployment } from '../../infra/deployment.ts';

const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

export type Synthesised = {
  app: App;
  deployment: Deployment;
  assembly: CloudAssembly;
  pipeline: Template;
  edge?: Template;
};

export type SynthOptions = { bundle?: boolean };

/** Builds the app from cdk.json plus `context`; its synth() fails on an unacknowledged cdk-nag finding. */
export function buildApp(
  context: Record<string, unknown> = {},
  options: SynthOptions = {},
): { app: App; deployment: Deployment } {
  const app = new App({
    builtinCloudFormationValidation: false,
    context: {
      ...cdkJson.context,
      ...context,
      ...(options.bundle === false && { 'aws:cdk:bundling-stacks': [] }),
    },
  });
  return { app, deployment: defineDeployment(app) };
}

export function synth(context: Record<string, unknown> = {}, options: SynthOptions = {}): Synthesised {
  const { app, deployment } = buildApp(context, options);
  const assembly = app.synth();
  const template = (artifactId: string) => Template.fromJSON(assembly.getStackArtifact(artifactId).template);
  return {
    app,
    deployment,
    assembly,
    pipeline: template(deployment.pipeline.artifactId),
    ...(deployment.edge && { edge: template(deployment.edge.artifactId) }),
  };
}

// CloudFormation JSON, read by tests that know its shape.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type CloudFormationJson = Record<string, any>;
type Resource = {
  Type: string;
  Properties: CloudFormationJson;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
};

/** The template's resources of one type, by logical id. */
export function resourcesOf(template: Template, type: string): Record<string, Resource> {
  return template.findResources(type) as Record<string, Resource>;
}

/** The logical id of a construct's CloudFormation resource (an L2's default child). */
export function logicalIdOf(construct: IConstruct): string {
  const element = (construct.node.defaultChild ?? construct) as CfnElement;
  return Stack.of(element).resolve(element.logicalId) as string;
}
