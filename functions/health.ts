/** GET /health — 200 once storage answers (a consistent read of one key), 503 otherwise. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../shared/adapters/store/keys.ts';
import { problems } from '../shared/core/problem.ts';
import { httpHandler, json } from './http.ts';
import { wire } from './wiring.ts';

const { db } = wire();

export const handler = httpHandler('health', async () => {
  try {
    await db.documents.send(
      new GetCommand({ TableName: db.tableName, Key: keys.health(), ConsistentRead: true }),
    );
  } catch (error) {
    throw problems.unavailable(error);
  }
  return json(200, { status: 'ok' });
});
