/**
 * The stored-response datasets the digest and export benchmarks read: one table per use and size,
 * holding that many centre applications spread over every week of the pilot, with their counter
 * buckets and status counter. An export dataset stores every response (response and personal
 * items); a digest dataset stores response items only for the digest's own week, the only
 * responses the digest reads (its newest comments), and counts all of them in the counters.
 *
 * They are seeded into an in-memory DynamoDB Local on every run: a persisted one (even on tmpfs)
 * took DynamoDB Local about ten times longer to write.
 */
import { retentionUntil, loadConfig } from '../shared/adapters/config.ts';
import { period, weekOfDate } from '../shared/core/calendar.ts';
import { ensureTable, type Db } from '../shared/adapters/store/client.ts';
import { pilot } from '../surveys/pilot.ts';
import { checkItemLayout, seedingDb, seedResponses } from './responses.ts';

/** Every ISO week of the pilot, from its start (December 2023) to the week of its last day. */
export function pilotWeeks(): string[] {
  const weeks: string[] = [];
  const last = weekOfDate(pilot.end);
  for (let week = weekOfDate(pilot.start); ;) {
    weeks.push(week);
    if (week === last) return weeks;
    const next = new Date(period(week).end.getTime() + 12 * 3600_000);
    week = weekOfDate(next.toISOString().slice(0, 10));
  }
}

export type Use = 'digest' | 'export';
export type Dataset = { db: Db; responses: number; seededSeconds: number };

export async function dataset(
  endpoint: string,
  use: Use,
  count: number,
  weeks: readonly string[],
): Promise<Dataset> {
  const db = seedingDb(endpoint, `bench-${use}-${count}`);
  const started = performance.now();
  await ensureTable(db);
  await seedResponses(db, {
    count,
    weeks,
    retentionUntil: retentionUntil(loadConfig({})),
    ...(use === 'digest' && { storedWeeks: new Set(weeks.slice(-1)) }),
  });
  const seededSeconds = (performance.now() - started) / 1000;
  // After seeding, in a table of its own: DynamoDB Local writes slower once it holds other tables.
  const layout = seedingDb(endpoint, `bench-layout-${use}-${count}`);
  await ensureTable(layout);
  await checkItemLayout(layout, retentionUntil(loadConfig({})));
  return { db, responses: count, seededSeconds };
}
