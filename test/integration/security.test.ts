/**
 * Security properties a user never sees until they fail: headers on every page, tokens that
 * cannot be guessed, and links that only open their own survey.
 */
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { createInvitation } from '../../shared/adapters/store/invites.ts';
import { newToken, tokenHash } from '../../shared/core/tokens.ts';
import { postJson, startApp, wiring } from './harness.ts';

const app = await startApp();
const { db, retentionUntil } = wiring();

async function invite(surveyId: string) {
  const token = newToken();
  await createInvitation(
    db,
    { surveyId, email: `${randomUUID()}@example.se`, organisation: 'Säker AB' },
    token,
    {
      now: new Date(),
      expiresAt: retentionUntil,
    },
  );
  return token;
}

describe('security headers', () => {
  it('sends a strict CSP, no framing, nosniff and no referrer on every HTML page', async () => {
    const token = await invite('company-value');
    const pages = [
      '/forms/centre-application',
      '/forms/centre-application?lang=en',
      `/forms/company-value?token=${token}`,
      '/forms/company-value',
      '/forms/nosuch',
      '/privacy',
      '/accessibility?lang=en',
    ];
    for (const page of pages) {
      const response = await fetch(`${app.url}${page}`);
      expect(response.headers.get('content-type'), page).toBe('text/html; charset=utf-8');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, page).toContain("default-src 'none'");
      expect(csp, page).toContain("frame-ancestors 'none'");
      expect(csp, page).toMatch(/script-src 'sha256-[A-Za-z0-9+/=]+'/);
      expect(csp, page).not.toContain('unsafe-inline');
      expect(response.headers.get('x-content-type-options'), page).toBe('nosniff');
      expect(response.headers.get('referrer-policy'), page).toBe('no-referrer');
      const body = await response.text();
      // Every inline script is the one the CSP hash allows: no other script tag, no handlers.
      expect(body.match(/<script/g)?.length ?? 0, page).toBe(1);
      expect(body, page).not.toMatch(/\son[a-z]+=/i);
    }
  });

  it('sends nosniff and a deny-all CSP on JSON answers too', async () => {
    const response = await fetch(`${app.url}/surveys`);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('content-security-policy')).toBe(
      "default-src 'none'; frame-ancestors 'none'",
    );
  });
});

describe('invite tokens', () => {
  it('are 192 random bits, base64url, never repeated, and stored only as a hash', () => {
    const tokens = Array.from({ length: 10_000 }, newToken);
    expect(new Set(tokens).size).toBe(tokens.length);
    for (const token of tokens.slice(0, 100)) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(Buffer.from(token, 'base64url')).toHaveLength(24);
      expect(tokenHash(token)).not.toContain(token);
    }
    // Every character position varies: no fixed prefix or counter.
    for (let position = 0; position < 32; position++)
      expect(new Set(tokens.map((token) => token[position])).size).toBeGreaterThan(50);
  });

  it('open only their own survey, on the form and on submit', async () => {
    const token = await invite('steering-group');
    expect((await fetch(`${app.url}/forms/company-value?token=${token}`)).status).toBe(403);
    expect((await fetch(`${app.url}/forms/steering-group?token=${token}`)).status).toBe(200);
    const wrong = await postJson(app, '/surveys/company-value/responses', { token, answers: {} });
    expect(wrong.status).toBe(403);
  });

  it('are not echoed into the page of a failed lookup', async () => {
    const probe = `${newToken().slice(0, 20)}<script>`;
    const response = await fetch(`${app.url}/forms/company-value?token=${encodeURIComponent(probe)}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain(probe);
  });
});
