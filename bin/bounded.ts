/**
 * Long CLI jobs (sending invitations and reminders) work on several rows at once, but boundedly:
 * SES accounts start at a send rate of 1–14 messages a second, and a run must stop cleanly.
 */
import pMap from 'p-map';

/** SES sends in flight at once: well under a production account's rate, much faster than one by one. */
export const SES_CONCURRENCY = 8;

/**
 * Runs `work` for each item, at most `concurrency` at a time. The first item runs alone, so an
 * outage (SES unreachable, wrong credentials) stops the run after one row, not after a batch. The
 * first failure stops new items from starting, lets those in flight finish (so what they sent is
 * recorded), then is thrown.
 */
export async function forEachBounded<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  const [first, ...rest] = items;
  if (first === undefined) return;
  await work(first);
  let failure: { error: unknown } | undefined;
  await pMap(
    rest,
    async (item) => {
      if (failure) return;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    },
    { concurrency },
  );
  if (failure) throw failure.error;
}
