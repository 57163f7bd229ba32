/**
 * The one DynamoDB table, defined once: the CDK stack and the local runtime both create it from
 * this description, so their keys, index and TTL cannot drift.
 *
 * Items (pk / sk):
 * - `SUB#<survey>#<submissionId>` / `SUB` — idempotency record: answer hash, the 201 body (TTL);
 *   after an erasure a tombstone (`erasedAt` only, TTL).
 * - `RESP#<responseId>` / `RESPONSE` — answers without personal data; GSI1 `RESPONSES#<survey>` → week#time.
 * - `RESP#<responseId>` / `PERSONAL` — the personal answers (TTL).
 * - `EMAIL#<emailHash>` / `<pk of an item holding that person's data>` — finds a person for erasure.
 * - `AGG#<survey>` / `W#<week>#ALL` and `W#<week>#R#<region>` — counters; `INVITES` — invited/answered.
 * - `INVITE#<tokenHash>` / `INVITE` — a personal link; `INVITEE#<survey>#<emailHash>` / `INVITEE` — the person.
 * - `APP#<responseId>` / `APP` and `HIST#<time>` — an application's status and its history.
 * - `DIGEST#<week>` / `RUN` — claims a digest period; `OUTBOX#<id>` / `OUTBOX` — mail to send.
 */
export const table = {
  partitionKey: 'pk',
  sortKey: 'sk',
  index: { name: 'gsi1', partitionKey: 'gsi1pk', sortKey: 'gsi1sk' },
  ttlAttribute: 'expiresAt',
} as const;

/** The table's name when none is configured (the local runtime and tests). */
export const defaultTableName = 'skc-pilot';
