/**
 * `npm start`: the whole pipeline on this machine — DynamoDB Local (SKC_DYNAMODB_PORT, 8000; data
 * in SKC_DATA_DIR), SES local with its mail viewer (SKC_SES_PORT, 8005; in memory), the app (PORT,
 * 3000) and the outbox mailer. Ctrl-C stops everything.
 */
import { ConfigError, loadConfig, localEnvironment } from '../shared/adapters/config.ts';
import {
  StartError,
  checkPortFree,
  prepareTable,
  startDynamo,
  startSes,
  type Dynamo,
  type Ses,
} from './services.ts';

async function main(): Promise<void> {
  // The handlers, imported below, read the same environment: the local endpoints and working group.
  for (const [name, value] of Object.entries(localEnvironment(process.env)))
    if (value !== undefined) process.env[name] = value;
  const config = loadConfig();
  // Check every port before starting anything, so a taken port is one clear line.
  await checkPortFree(config.PORT, 'the app', 'PORT');
  await checkPortFree(config.SKC_DYNAMODB_PORT, 'DynamoDB Local', 'SKC_DYNAMODB_PORT');
  await checkPortFree(config.SKC_SES_PORT, 'SES local', 'SKC_SES_PORT');
  let dynamo: Dynamo | undefined;
  let ses: Ses | undefined;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of stops.reverse()) await close().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  try {
    dynamo = await startDynamo({ port: config.SKC_DYNAMODB_PORT, dataDir: config.SKC_DATA_DIR });
    stops.push(dynamo.stop);
    ses = await startSes({ port: config.SKC_SES_PORT });
    stops.push(ses.stop);
  } catch (error) {
    await stop();
    throw error;
  }
  // The stand-ins just started, whatever endpoints the environment named.
  process.env.SKC_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SKC_SES_ENDPOINT = ses.endpoint;
  const db = await prepareTable(dynamo.endpoint, config.SKC_TABLE_NAME);
  db.client.destroy();

  // Handlers read the environment when first imported, so the app is loaded only now.
  const { createApp, listen } = await import('./server.ts');
  const app = createApp();
  await listen(app, config.PORT);
  stops.push(() => new Promise((resolve) => app.close(() => resolve())));
  const { startOutboxDrain } = await import('./outbox.ts');
  stops.push(startOutboxDrain());

  console.log(`skc-pilot is running.
  App:           http://localhost:${config.PORT}/  (the surveys, their forms and the pages)
  Surveys API:   http://localhost:${config.PORT}/surveys
  Links in mail: ${config.SKC_PUBLIC_URL}  (SKC_PUBLIC_URL; follows PORT unless set)
  Mail viewer:   ${ses.endpoint.replace('127.0.0.1', 'localhost')}  (SES local keeps mail in memory only: it is gone after a restart)
  DynamoDB:      ${dynamo.endpoint.replace('127.0.0.1', 'localhost')}  (data in the folder SKC_DATA_DIR names, .data/ by default)
  Digest to:     ${config.SKC_DIGEST_RECIPIENTS.join(', ') || '(nobody: SKC_DIGEST_RECIPIENTS is empty)'}
Press Ctrl-C to stop.`);
}

main().catch((error: unknown) => {
  if (error instanceof StartError || error instanceof ConfigError) {
    console.error(`npm start: ${error.message}`);
  } else {
    console.error(`npm start: ${(error as Error).message ?? error}`);
  }
  process.exit(1);
});
