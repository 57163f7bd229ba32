/** A real personal invitation link, made the way `skc invite` makes one. */
import { randomUUID } from 'node:crypto';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { newToken } from '../../shared/core/tokens.ts';
import { wiring } from '../integration/harness.ts';

export async function invitationLink(surveyId: string, lang?: 'en'): Promise<string> {
  const token = newToken();
  const created = await createInvitation(
    wiring().db,
    {
      surveyId,
      email: `kontakt-${randomUUID()}@example.se`,
      organisation: 'Verkstads AB i Hultsfred',
      region: 'tc-ostra-smaland',
    },
    token,
    { now: new Date(), expiresAt: Math.floor(Date.now() / 1000) + 86_400 },
  );
  if (!created) throw new Error('the invitation was not created');
  return `/forms/${surveyId}?token=${token}${lang ? `&lang=${lang}` : ''}`;
}
