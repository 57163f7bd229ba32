/** GET /health — 200 once storage answers (a consistent read of one key), 503 otherwise. */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { key } from '../shared/adapters/store/client.ts';
import { problems } from '../shared/core/problem.ts';
import { httpHandler, json } from './http.ts';
import { wire } from './wiring.ts';

const { db } = wire();

export const handler = httpHandler('health', async () => {
  try {
    await db.client.send(
      new GetItemCommand({ TableName: db.tableName, Key: key('HEALTH', 'HEALTH'), ConsistentRead: true }),
    );
  } catch (error) {
    throw problems.unavailable(error);
  }
  return json(200, { status: 'ok' });
});
