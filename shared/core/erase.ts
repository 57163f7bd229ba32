/**
 * Erasure of one person's data (GDPR art. 17). A person is found through their `EMAIL#<hash>`
 * lookup items; each names an item holding their data by its key. What each kind of item means,
 * and how the outcome is reported, lives here; the store does the deleting.
 */

/** What a lookup item points at, by the prefix of its sort key. */
export type ErasureTarget =
  | { kind: 'response'; responseId: string }
  | { kind: 'invitee'; inviteeKey: string }
  /** A centre whose contact address this is: the address goes, the centre stays. */
  | { kind: 'centre'; slug: string }
  | { kind: 'unknown'; reference: string };

export function targetOf(reference: string): ErasureTarget {
  if (reference.startsWith('RESP#')) return { kind: 'response', responseId: reference.slice('RESP#'.length) };
  if (reference.startsWith('INVITEE#')) return { kind: 'invitee', inviteeKey: reference };
  if (reference.startsWith('CENTRE#')) return { kind: 'centre', slug: reference.slice('CENTRE#'.length) };
  return { kind: 'unknown', reference };
}

export type ErasureReport = {
  /** Responses whose personal answers were deleted. */
  responses: number;
  /** Invitees deleted (contact details, name, invitation state). */
  invitees: number;
  /** Personal links (token items) of those invitees deleted. */
  inviteLinks: number;
  /** Centres whose contact address was removed (the centre itself stays). */
  centreContacts: number;
  /** Lookup items by email hash deleted. */
  lookups: number;
  /** Lookup items of a kind this version does not know; left in place and reported. */
  unknown: number;
};

export const emptyReport = (): ErasureReport => ({
  responses: 0,
  invitees: 0,
  inviteLinks: 0,
  centreContacts: 0,
  lookups: 0,
  unknown: 0,
});

/** The report for the administrator: counts only, no personal data beyond the address given. */
export function describeErasure(address: string, report: ErasureReport): string[] {
  if (report.lookups === 0 && report.unknown === 0)
    return [`No personal data found for ${address}. Nothing was changed.`];
  const lines = [
    `Erased the personal data of ${address}:`,
    `  responses (personal answers deleted): ${report.responses}`,
    `  invitations (invitee deleted):        ${report.invitees}`,
    `  personal invitation links deleted:    ${report.inviteLinks}`,
    ...(report.centreContacts > 0
      ? [`  centre contact addresses removed:     ${report.centreContacts}`]
      : []),
    `  lookup items deleted:                 ${report.lookups}`,
    'Aggregate counters (digest figures) were left unchanged; answers without personal data remain.',
  ];
  if (report.unknown > 0)
    lines.push(
      `  ${report.unknown} lookup item(s) of an unknown kind were left in place: this version cannot erase them.`,
    );
  return lines;
}
