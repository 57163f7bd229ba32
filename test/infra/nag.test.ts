/** cdk-nag is wired so that synthesis fails on any finding nobody acknowledged with a reason. */
import { describe, expect, it } from 'vitest';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { buildApp } from './synth.ts';

describe('cdk-nag AWS Solutions checks', () => {
  it('fail synthesis on a finding nobody acknowledged', () => {
    const { app, deployment } = buildApp({}, { bundle: false });
    new Queue(deployment.pipeline, 'UnwatchedQueue');
    expect(() => app.synth()).toThrow(/AwsSolutions-SQS3/);
  });
});
