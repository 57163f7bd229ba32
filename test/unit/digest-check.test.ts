import { describe, expect, it } from 'vitest';
import { digestWentOut } from '../../shared/core/digest-run.ts';

describe('Function: digestWentOut', () => {
  it('counts a week as sent only when its run record holds the message id SES gave', () => {
    expect(digestWentOut({ sends: 1, messageId: '0100-abc', sentAt: '2027-01-04T06:00:01Z' })).toBe(true);
  });

  it('counts a week without a record, or with a claim that never got a message id, as missing', () => {
    expect(digestWentOut(undefined)).toBe(false);
    expect(
      digestWentOut({
        sends: 0,
        claimId: 'c1',
        claimedAt: '2027-01-04T06:00:00Z',
        leaseUntil: '2027-01-04T06:10:00Z',
      }),
    ).toBe(false);
  });
});
