/** GET /health — 200 once storage answers, 503 otherwise. */
import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import { problems } from '../shared/problem.ts';
import { httpHandler, json } from './http.ts';
import { wire } from './wiring.ts';

const { db } = wire();

export const handler = httpHandler('health', async () => {
  try {
    await db.client.send(new DescribeTableCommand({ TableName: db.tableName }));
  } catch (error) {
    throw problems.unavailable(error);
  }
  return json(200, { status: 'ok' });
});
