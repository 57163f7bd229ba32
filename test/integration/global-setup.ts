/**
 * Starts the real local stand-ins once per test run: DynamoDB Local (in memory) and SES local,
 * each on a free loopback port. Test files get their own table (see setup.ts).
 */
import { freePort, startDynamo, startSes } from '../../local/services.ts';

export default async function setup() {
  const dynamo = await startDynamo({ port: await freePort() });
  const ses = await startSes({ port: await freePort() });
  process.env.SKC_DYNAMODB_ENDPOINT = dynamo.endpoint;
  process.env.SKC_SES_ENDPOINT = ses.endpoint;
  return async () => {
    await ses.stop();
    await dynamo.stop();
  };
}
