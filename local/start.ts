/**
 * `npm start`: the whole pipeline on this machine — DynamoDB Local (:8000, data in
 * SKC_DATA_DIR), SES local with its mail viewer (:8005, in memory), the app (PORT, 3000) and the
 * outbox mailer. Ctrl-C stops everything.
 */
import { ConfigError, loadConfig } from '../shared/adapters/config.ts';
import {
  StartError,
  checkPortFree,
  prepareTable,
  startDynamo,
  startSes,
  type Dynamo,
  type Ses,
} from './services.ts';

const DYNAMO_PORT = 8000;
const SES_PORT = 8005;

async function main(): Promise<void> {
  const config = loadConfig();
  // Check every port before starting anything, so a taken port is one clear line.
  await checkPortFree(config.PORT, 'the app (set PORT to use another)');
  await checkPortFree(DYNAMO_PORT, 'DynamoDB Local');
  await checkPortFree(SES_PORT, 'SES local');
  let dynamo: Dynamo | undefined;
  let ses: Ses | undefined;
  const stops: (() => Promise<void>)[] = [];
  const stop = async () => {
    for (const close of stops.reverse()) await close().catch(() => undefined);
  };
  process.once('SIGINT', () => void stop().then(() => process.exit(0)));
  process.once('SIGTERM', () => void stop().then(() => process.exit(0)));
  try {
    dynamo = await startDynamo({ port: DYNAMO_PORT, dataDir: config.SKC_DATA_DIR });
    stops.push(dynamo.stop);
    ses = await startSes({ port: SES_PORT });
    stops.push(ses.stop);
  } catch (error) {
    await stop();
    throw error;
  }
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
  App:           http://localhost:${config.PORT}/forms/centre-application
  Surveys API:   http://localhost:${config.PORT}/surveys
  Mail viewer:   ${ses.endpoint.replace('127.0.0.1', 'localhost')}  (SES local keeps mail in memory only: it is gone after a restart)
  DynamoDB:      ${dynamo.endpoint.replace('127.0.0.1', 'localhost')}  (data in the folder SKC_DATA_DIR names, .data/ by default)
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
