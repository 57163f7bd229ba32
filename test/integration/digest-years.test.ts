/**
 * The digest's "pilot so far" reads every week bucket from the pilot's start, one Query per ISO
 * year side by side: no week at a year's edge may be lost or read twice, and nothing after the
 * digest's week is counted.
 */
import { randomUUID } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { describe, expect, it } from 'vitest';
import { digestStore } from '../../shared/adapters/store/digest.ts';
import { keys } from '../../shared/adapters/store/keys.ts';
import { getSurvey } from '../../surveys/index.ts';
import { wiring } from './harness.ts';

describe('Digest: week buckets over several years', () => {
  it('reads each week from the pilot start to the digest week once, across year boundaries', async () => {
    // Prepare: a survey of its own (so parallel test files cannot add buckets), one answer counted
    // in weeks at both edges of each year and one week after the digest's.
    const { db } = wiring();
    const survey = { ...getSurvey('company-value')!, id: `years-${randomUUID().slice(0, 8)}` };
    const weeks = [
      '2023-W49',
      '2023-W52',
      '2024-W01',
      '2024-W52',
      '2025-W01',
      '2026-W53',
      '2027-W01',
      '2027-W26',
    ];
    for (const week of [...weeks, '2027-W27'])
      for (const region of [undefined, 'tc-ostra-smaland'])
        await db.documents.send(
          new PutCommand({
            TableName: db.tableName,
            Item: { ...keys.week(survey.id, week, region), responses: 1 },
          }),
        );

    // Act
    const source = await digestStore(db).readSource([survey], '2027-W26', '2023-12-04');

    // Assess
    const buckets = source.surveys[0]!.buckets;
    const read = buckets.map((bucket) => `${bucket.week}${bucket.region ? `#${bucket.region}` : ''}`).sort();
    expect(read).toEqual(weeks.flatMap((week) => [week, `${week}#tc-ostra-smaland`]).sort());
  });
});
