import { describe, expect, it } from 'vitest';
import {
  admitReceipt,
  mailboxOf,
  RECEIPT_WINDOW_MS,
  RECEIPTS_PER_MAILBOX,
  type ReceiptWindow,
} from '../../shared/core/receipts.ts';

describe('mailboxOf', () => {
  it('counts every +tag and every spelling of an address as one mailbox', () => {
    for (const address of ['victim+1@example.se', 'Victim+anything+else@Example.SE', ' victim@example.se '])
      expect(mailboxOf(address)).toBe('victim@example.se');
  });

  it('keeps the domain as it is, a plus in it included', () => {
    expect(mailboxOf('a@b+c.example')).toBe('a@b+c.example');
  });
});

describe('admitReceipt', () => {
  const start = new Date('2026-11-24T23:00:00Z');
  const later = (ms: number) => new Date(start.getTime() + ms);

  it(`admits ${RECEIPTS_PER_MAILBOX} confirmations in 24 hours, across midnight, and holds the next`, () => {
    let window: ReceiptWindow = [];
    const outcomes: boolean[] = [];
    for (let index = 0; index <= RECEIPTS_PER_MAILBOX; index++) {
      // Every two hours: the first before midnight (Stockholm), the rest after it.
      const result = admitReceipt(window, `R${index}`, later(index * 2 * 3_600_000));
      outcomes.push(result.admitted);
      window = result.window;
    }
    expect(outcomes).toEqual([...Array(RECEIPTS_PER_MAILBOX).fill(true), false]);
  });

  it('admits again once the oldest confirmation is 24 hours old', () => {
    let window: ReceiptWindow = [];
    for (let index = 0; index < RECEIPTS_PER_MAILBOX; index++)
      window = admitReceipt(window, `R${index}`, later(index * 60_000)).window;
    expect(admitReceipt(window, 'next', later(RECEIPT_WINDOW_MS - 1)).admitted).toBe(false);
    const next = admitReceipt(window, 'next', later(RECEIPT_WINDOW_MS + 1));
    expect(next.admitted).toBe(true);
    expect(next.window.map((entry) => entry.responseId)).toEqual(['R1', 'R2', 'next']);
  });

  it('admits a response already counted without counting it again', () => {
    let window: ReceiptWindow = [];
    for (let index = 0; index < RECEIPTS_PER_MAILBOX; index++)
      window = admitReceipt(window, `R${index}`, later(index)).window;
    const again = admitReceipt(window, 'R0', later(10));
    expect(again).toEqual({ admitted: true, window });
  });
});
