/**
 * Locally there is no stream-triggered Lambda: this drains the outbox through the same delivery
 * code the mailer function runs on AWS, polling the pending-mail index every second. The returned
 * function stops polling and waits for the round in flight.
 */
import { wire } from '../functions/wiring.ts';
import { logger } from '../shared/adapters/log.ts';
import { mailerFrom } from '../shared/adapters/ses.ts';
import { deliverOutbox, pendingOutbox, type OutboxDeps } from '../shared/adapters/outbox.ts';

export type DrainOptions = { deps?: OutboxDeps; intervalMs?: number };

function defaultDeps(): OutboxDeps {
  const { config, db, getSurvey } = wire();
  const mailer = mailerFrom(config);
  return { db, mailer, getSurvey, publicUrl: config.SKC_PUBLIC_URL, now: () => new Date() };
}

/** After a failed round (SES or the store down), wait longer before asking again. */
const BACKOFF_MS = 5_000;

export function startOutboxDrain(options: DrainOptions = {}): () => Promise<void> {
  const deps = options.deps ?? defaultDeps();
  const interval = options.intervalMs ?? 1_000;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const round = async (): Promise<number> => {
    try {
      const ids = await pendingOutbox(deps.db);
      if (ids.length === 0) return interval;
      const deliveries = await deliverOutbox(deps, ids);
      const failed = deliveries.filter((delivery) => delivery.outcome === 'failed').length;
      const sent = deliveries.filter((delivery) => delivery.outcome === 'sent').length;
      if (sent > 0) logger.info('outbox drained', { sent });
      return failed > 0 ? BACKOFF_MS : interval;
    } catch (error) {
      logger.warn('outbox poll failed', { cause: (error as Error).name });
      return BACKOFF_MS;
    }
  };
  const schedule = (delay: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      inFlight = round().then(schedule);
    }, delay);
  };
  schedule(0);

  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await inFlight;
  };
}
