import { describe, expect, it } from 'vitest';
import { forEachBounded } from '../../bin/bounded.ts';

/** Resolves on the next macrotask, so several items are in flight at once. */
const tick = () => new Promise((resolve) => setTimeout(resolve, 1));

describe('forEachBounded', () => {
  it('works on several items at once but never more than the bound', async () => {
    // Prepare: a recording "mailer" that notes how many sends are in flight.
    let inFlight = 0;
    let most = 0;
    const sent: number[] = [];

    // Act
    await forEachBounded(
      Array.from({ length: 30 }, (_, index) => index),
      4,
      async (item) => {
        most = Math.max(most, ++inFlight);
        await tick();
        sent.push(item);
        inFlight--;
      },
    );

    // Assess
    expect(most).toBe(4);
    expect(sent.sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, index) => index));
  });

  it('stops at an outage on the first item before any other starts', async () => {
    const started: number[] = [];
    const run = forEachBounded([1, 2, 3], 8, async (item) => {
      started.push(item);
      throw new Error('SES unreachable');
    });
    await expect(run).rejects.toThrow('SES unreachable');
    expect(started).toEqual([1]);
  });

  it('starts nothing new after a failure, lets the items in flight finish, then throws it', async () => {
    const finished: number[] = [];
    const run = forEachBounded([0, 1, 2, 3, 4, 5, 6, 7, 8, 9], 3, async (item) => {
      await tick();
      if (item === 2) throw new Error('refused');
      finished.push(item);
    });
    await expect(run).rejects.toThrow('refused');
    expect(finished).toContain(0);
    expect(finished).not.toContain(9);
  });
});
