/** Small helpers over items the document client reads back, and one conditional update. */
import { UpdateCommand, type UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import { classifyStoreFailure, isConditionFailure, type Db, type Item } from './client.ts';

/** Runs a conditional update of one item; false when its condition did not hold. */
export async function updateIfConditionHolds(
  db: Db,
  update: Omit<UpdateCommandInput, 'TableName'>,
): Promise<boolean> {
  try {
    await db.documents.send(new UpdateCommand({ TableName: db.tableName, ...update }));
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw classifyStoreFailure(error);
  }
}

/** A string or number attribute of an item read back, if it is one. */
export const text = (item: Item | undefined, name: string) =>
  typeof item?.[name] === 'string' ? (item[name] as string) : undefined;
export const count = (item: Item | undefined, name: string) =>
  typeof item?.[name] === 'number' ? (item[name] as number) : undefined;
