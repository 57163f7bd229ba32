/**
 * The cap on confirmations (receipts) per mailbox. The open application form mails whatever
 * address is typed, so the cap counts the mailbox that address delivers to — `name+1@` and
 * `Name+2@` are one mailbox — over the last 24 hours, not per calendar day (which would allow
 * twice the cap around midnight). Past the cap the answer is still stored; only the mail is held.
 */

export const RECEIPTS_PER_MAILBOX = 3;
export const RECEIPT_WINDOW_MS = 24 * 3_600_000;

/**
 * The mailbox an address delivers to: lower-cased, any `+tag` removed from the local part
 * (the sub-addressing Gmail, Outlook and most providers deliver to the same mailbox).
 */
export function mailboxOf(address: string): string {
  const trimmed = address.trim().toLowerCase();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  const local = trimmed.slice(0, at);
  const plus = local.indexOf('+');
  return `${plus >= 0 ? local.slice(0, plus) : local}${trimmed.slice(at)}`;
}

/** The confirmations counted against one mailbox: which response, when (epoch ms). */
export type ReceiptWindow = { responseId: string; at: number }[];

/**
 * Whether one more confirmation may go to a mailbox, and the window to store if so. A response
 * already counted is admitted again without counting twice (a retry after an outage).
 */
export function admitReceipt(
  window: ReceiptWindow,
  responseId: string,
  now: Date,
): { admitted: boolean; window: ReceiptWindow } {
  const since = now.getTime() - RECEIPT_WINDOW_MS;
  const recent = window.filter((entry) => entry.at > since);
  if (recent.some((entry) => entry.responseId === responseId)) return { admitted: true, window: recent };
  if (recent.length >= RECEIPTS_PER_MAILBOX) return { admitted: false, window: recent };
  return { admitted: true, window: [...recent, { responseId, at: now.getTime() }] };
}
