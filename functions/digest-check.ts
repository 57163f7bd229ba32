/**
 * The weekly check that the digest went out: EventBridge Scheduler invokes it on Monday at 12:00
 * Stockholm time, five hours after the digest's own schedule, and it counts DigestMissing (1 when
 * the last full week's digest-run record holds no message id, else 0) for an alarm. It only reads
 * the record: a missing digest is a person's to look into (`skc digest`), never resent from here.
 */
import { lastFullWeek } from '../shared/core/calendar.ts';
import { digestWentOut } from '../shared/core/digest-run.ts';
import { logger } from '../shared/adapters/log.ts';
import { pipelineMetrics } from '../shared/adapters/metrics.ts';
import { readDigestRun } from '../shared/adapters/store/digest.ts';
import { jobHandler } from './job.ts';
import { wire } from './wiring.ts';

const { db } = wire();

export const handler = jobHandler<unknown, { period: string; missing: boolean }>(async () => {
  const period = lastFullWeek(new Date());
  const missing = !digestWentOut(await readDigestRun(db, period));
  pipelineMetrics.digestChecked(missing);
  if (missing) logger.warn('digest missing', { period });
  return { period, missing };
});
