/** Each test file works in a table of its own, so files can run in parallel. */
import { randomUUID } from 'node:crypto';
import { prepareTable } from '../../local/services.ts';

process.env.SKC_TABLE_NAME = `test-${randomUUID().slice(0, 8)}`;
process.env.SKC_FROM_ADDRESS ??= 'skc-pilot@teknikcollege.test';
process.env.SKC_DIGEST_RECIPIENTS ??= 'arbetsgrupp@teknikcollege.test,ordforande@teknikcollege.test';
process.env.SKC_PUBLIC_URL ??= 'http://localhost:3000';
const db = await prepareTable(process.env.SKC_DYNAMODB_ENDPOINT!, process.env.SKC_TABLE_NAME);
db.client.destroy();
