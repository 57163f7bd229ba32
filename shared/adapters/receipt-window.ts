/**
 * The per-mailbox cap on confirmations: a rolling 24-hour window of response ids per mailbox
 * (`name+tag@` counted as `name@`), kept in one item updated optimistically, so the open form can
 * never be used to mail one mailbox more than RECEIPTS_PER_MAILBOX times a day.
 */
import { admitReceipt, mailboxOf, RECEIPT_WINDOW_MS, type ReceiptWindow } from '../core/receipts.ts';
import { emailHash } from '../core/tokens.ts';
import type { OutboxDeps } from './outbox.ts';
import { getItem, StoreUnavailableError } from './store/client.ts';
import { count, text, updateIfConditionHolds } from './store/items.ts';
import { keys } from './store/keys.ts';
import { table } from './store/table.ts';

/**
 * The receipt's addresses whose mailbox may still get a confirmation (at most
 * RECEIPTS_PER_MAILBOX in 24 hours, `name+tag@` counted as `name@`); undefined when there are none
 * at all. Counting is idempotent per response, so a retry never uses up the cap.
 */
export async function admittedAddresses(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  addresses: string[],
  responseId: string,
): Promise<string[] | undefined> {
  if (addresses.length === 0) return undefined;
  const admitted: string[] = [];
  const seen = new Set<string>();
  for (const address of addresses) {
    const mailbox = mailboxOf(address);
    if (seen.has(mailbox)) continue;
    seen.add(mailbox);
    if (await countReceipt(deps, mailbox, responseId)) admitted.push(address);
  }
  return admitted;
}

/** Attempts at the window's optimistic update before giving up as unavailable (a rare race). */
const WINDOW_WRITES = 5;

async function countReceipt(
  deps: Pick<OutboxDeps, 'db' | 'now'>,
  mailbox: string,
  responseId: string,
): Promise<boolean> {
  const windowKey = keys.receiptWindow(emailHash(mailbox));
  for (let attempt = 0; attempt < WINDOW_WRITES; attempt++) {
    const stored = await getItem(deps.db, windowKey);
    const version = count(stored, 'version');
    const window = JSON.parse(text(stored, 'window') ?? '[]') as ReceiptWindow;
    const now = deps.now();
    const { admitted, window: next } = admitReceipt(window, responseId, now);
    if (!admitted) return false;
    if (next.length === window.length && next.every((entry, index) => entry === window[index])) return true;
    const written = await updateIfConditionHolds(deps.db, {
      Key: windowKey,
      UpdateExpression: 'SET #window = :window, version = :next, #ttl = :ttl',
      ConditionExpression: version === undefined ? 'attribute_not_exists(version)' : 'version = :version',
      ExpressionAttributeNames: { '#window': 'window', '#ttl': table.ttlAttribute },
      ExpressionAttributeValues: {
        ':window': JSON.stringify(next),
        ':next': (version ?? 0) + 1,
        ':ttl': Math.floor((now.getTime() + 2 * RECEIPT_WINDOW_MS) / 1000),
        ...(version !== undefined && { ':version': version }),
      },
    });
    if (written) return true;
  }
  throw new StoreUnavailableError('the receipt window kept changing');
}
