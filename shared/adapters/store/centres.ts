/**
 * Centres in DynamoDB: one `CENTRE#<slug>` / `CENTRE` item per registered centre, listed through
 * GSI1 (`CENTRES` → slug). The slug is the key, so "already registered" is a condition DynamoDB
 * checks, and a registration can be one write of a larger transaction (an approval's). The contact
 * address is personal data: an `EMAIL#<hash>` lookup points at the centre, so `skc erase` finds it.
 *
 * Per survey and centre, a counter item `AGG#<survey>` / `CENTRE#<slug>` (`responses`, `invited`,
 * `answered`) moves in the same transactions as the answers and invitations it counts.
 */
import { TransactWriteItemsCommand, type TransactWriteItem } from '@aws-sdk/client-dynamodb';
import type { Counters } from '../../core/aggregate.ts';
import { findCentre, type Centre } from '../../core/centres.ts';
import { emailHash } from '../../core/tokens.ts';
import {
  ConditionFailedError,
  key,
  numbers,
  partitionItems,
  readItem,
  S,
  str,
  transact,
  type Db,
  type Item,
} from './client.ts';
import { table } from './table.ts';

export const centreKeys = {
  centre: (slug: string) => key(`CENTRE#${slug}`, 'CENTRE'),
  /** A survey's counters for one centre, beside its week buckets. */
  counters: (surveyId: string, slug: string) => key(`AGG#${surveyId}`, `CENTRE#${slug}`),
  /** GSI1 partition listing every centre by slug. */
  index: 'CENTRES',
};

/** The writes that register a centre: the item (only if its slug is free) and its contact's lookup. */
export function registrationWrites(TableName: string, centre: Centre): TransactWriteItem[] {
  const { pk } = centreKeys.centre(centre.slug);
  const writes: TransactWriteItem[] = [
    {
      Put: {
        TableName,
        Item: {
          ...centreKeys.centre(centre.slug),
          slug: S(centre.slug),
          name: S(centre.name),
          region: S(centre.region),
          approvedOn: S(centre.approvedOn),
          ...(centre.contact && { contact: S(centre.contact) }),
          ...(centre.applicationId && { applicationId: S(centre.applicationId) }),
          [table.index.partitionKey]: S(centreKeys.index),
          [table.index.sortKey]: S(centre.slug),
        },
        ConditionExpression: `attribute_not_exists(${table.partitionKey})`,
      },
    },
  ];
  if (centre.contact)
    writes.push({ Put: { TableName, Item: key(`EMAIL#${emailHash(centre.contact)}`, pk!.S!) } });
  return writes;
}

/**
 * Links an existing centre to the application whose approval it is: fails its condition when the
 * centre is missing or already linked to another application.
 */
export function linkWrite(TableName: string, slug: string, applicationId: string): TransactWriteItem {
  return {
    Update: {
      TableName,
      Key: centreKeys.centre(slug),
      UpdateExpression: 'SET applicationId = :application',
      ConditionExpression: `attribute_exists(${table.partitionKey}) AND (attribute_not_exists(applicationId) OR applicationId = :application)`,
      ExpressionAttributeValues: { ':application': S(applicationId) },
    },
  };
}

/** Registers a centre; `exists` (nothing written) when its slug is taken. */
export async function addCentre(db: Db, centre: Centre): Promise<'added' | 'exists'> {
  try {
    await transact(() =>
      db.client.send(
        new TransactWriteItemsCommand({ TransactItems: registrationWrites(db.tableName, centre) }),
      ),
    );
    return 'added';
  } catch (error) {
    if (error instanceof ConditionFailedError && error.failedAt(0)) return 'exists';
    throw error;
  }
}

function centreOf(item: Item): Centre {
  const centre: Centre = {
    slug: str(item, 'slug')!,
    name: str(item, 'name') ?? '',
    region: str(item, 'region') ?? '',
    approvedOn: str(item, 'approvedOn') ?? '',
  };
  const contact = str(item, 'contact');
  const applicationId = str(item, 'applicationId');
  if (contact) centre.contact = contact;
  if (applicationId) centre.applicationId = applicationId;
  return centre;
}

export async function getCentre(db: Db, slug: string): Promise<Centre | undefined> {
  const item = await readItem(db, centreKeys.centre(slug));
  return item ? centreOf(item) : undefined;
}

/** Every registered centre, by slug (GSI1, so possibly a moment stale). */
export async function listCentres(db: Db): Promise<Centre[]> {
  const items = await partitionItems(db, { partition: centreKeys.index, index: true });
  return items.map(centreOf);
}

/** The centre registered under this name (any case) or slug. */
export async function findCentreByName(db: Db, nameOrSlug: string): Promise<Centre | undefined> {
  return findCentre(await listCentres(db), nameOrSlug);
}

/** Per centre slug, a survey's centre counters (one Query, as many items as centres). */
export async function readCentreCounters(db: Db, surveyId: string): Promise<Record<string, Counters>> {
  const items = await partitionItems(db, {
    partition: `AGG#${surveyId}`,
    between: ['CENTRE#', 'CENTRE#~'],
    consistent: true,
  });
  return Object.fromEntries(
    items.map((item) => [str(item, table.sortKey)!.slice('CENTRE#'.length), numbers(item)]),
  );
}
