/**
 * Centres in DynamoDB: one `CENTRE#<slug>` / `CENTRE` item per registered centre, listed through
 * GSI1 (`CENTRES` → slug). The slug is the key, so "already registered" is a condition DynamoDB
 * checks, and a registration can be one write of a larger transaction (an approval's). The contact
 * address is personal data: an `EMAIL#<hash>` lookup points at the centre, so `skc erase` finds it.
 *
 * Per survey and centre, a counter item `AGG#<survey>` / `CENTRE#<slug>` (`responses`, `invited`,
 * `answered`) moves in the same transactions as the answers and invitations it counts.
 */
import type { Counters } from '../../core/aggregate.ts';
import { findCentre, type Centre } from '../../core/centres.ts';
import { emailHash } from '../../core/tokens.ts';
import {
  ConditionFailedError,
  countersOf,
  getItem,
  queryAll,
  writeTransaction,
  type Db,
  type Item,
  type TransactionWrite,
} from './client.ts';
import { indexKeys, keys, partitions, sortPrefixes } from './keys.ts';
import { table } from './table.ts';

/** The writes that register a centre: the item (only if its slug is free) and its contact's lookup. */
export function registrationWrites(TableName: string, centre: Centre): TransactionWrite[] {
  const key = keys.centre(centre.slug);
  // Slug, name, region and approval date as they are; the contact and application only when given.
  const { contact, applicationId, ...identity } = centre;
  const writes: TransactionWrite[] = [
    {
      Put: {
        TableName,
        Item: {
          ...identity,
          ...key,
          ...(contact && { contact }),
          ...(applicationId && { applicationId }),
          [table.index.partitionKey]: indexKeys.centres,
          [table.index.sortKey]: centre.slug,
        },
        ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
      },
    },
  ];
  if (contact)
    writes.push({
      Put: { TableName, Item: keys.emailLookup(emailHash(contact), key[table.partitionKey]) },
    });
  return writes;
}

/**
 * Links an existing centre to the application whose approval it is: fails its condition when the
 * centre is missing or already linked to another application.
 */
export function linkWrite(TableName: string, slug: string, applicationId: string): TransactionWrite {
  return {
    Update: {
      TableName,
      Key: keys.centre(slug),
      UpdateExpression: 'SET applicationId = :application',
      ConditionExpression: `attribute_exists(${table.partitionKey}) AND (attribute_not_exists(applicationId) OR applicationId = :application)`,
      ExpressionAttributeValues: { ':application': applicationId },
    },
  };
}

/** Registers a centre; `exists` (nothing written) when its slug is taken. */
export async function addCentre(db: Db, centre: Centre): Promise<'added' | 'exists'> {
  try {
    await writeTransaction(db, registrationWrites(db.tableName, centre));
    return 'added';
  } catch (error) {
    if (error instanceof ConditionFailedError && error.failedAt(0)) return 'exists';
    throw error;
  }
}

function centreOf(item: Item): Centre {
  const centre: Centre = {
    slug: item.slug as string,
    name: (item.name as string | undefined) ?? '',
    region: (item.region as string | undefined) ?? '',
    approvedOn: (item.approvedOn as string | undefined) ?? '',
  };
  if (typeof item.contact === 'string') centre.contact = item.contact;
  if (typeof item.applicationId === 'string') centre.applicationId = item.applicationId;
  return centre;
}

export async function getCentre(db: Db, slug: string): Promise<Centre | undefined> {
  const item = await getItem(db, keys.centre(slug));
  return item ? centreOf(item) : undefined;
}

/** Every registered centre, by slug (GSI1, so possibly a moment stale). */
export async function listCentres(db: Db): Promise<Centre[]> {
  const items = await queryAll(db, { partition: indexKeys.centres, index: true });
  return items.map(centreOf);
}

/** The centre registered under this name (any case) or slug. */
export async function findCentreByName(db: Db, nameOrSlug: string): Promise<Centre | undefined> {
  return findCentre(await listCentres(db), nameOrSlug);
}

/** Per centre slug, a survey's centre counters (one Query, as many items as centres). */
export async function readCentreCounters(db: Db, surveyId: string): Promise<Record<string, Counters>> {
  const items = await queryAll(db, {
    partition: partitions.aggregates(surveyId),
    beginsWith: sortPrefixes.centre,
    consistent: true,
  });
  return Object.fromEntries(
    items.map((item) => [String(item[table.sortKey]).slice(sortPrefixes.centre.length), countersOf(item)]),
  );
}
