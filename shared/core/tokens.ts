/**
 * Secrets and identifiers: invite tokens (only their hash is stored), e-mail hashes that find a
 * person for erasure, and human-friendly response ids that serve as reference numbers.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';

const TOKEN_BYTES = 24; // 192 random bits; the design asks for at least 128.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;

export function newToken(): string {
  return randomBytes(TOKEN_BYTES).toString('base64url');
}

/**
 * The stored form of a token. A lookup by hash never compares the secret itself, so its timing
 * says nothing about how much of a guess was right.
 */
export function tokenHash(token: string): string {
  return createHash('sha256').update(`invite:${token}`).digest('base64url');
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export function emailHash(email: string): string {
  return createHash('sha256')
    .update(`email:${normaliseEmail(email)}`)
    .digest('base64url');
}

/** A reference number a person can read out on the phone: `K7F3-9QPA-2MXD` (60 random bits). */
export function newResponseId(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((byte) => CROCKFORD[byte % 32]).join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
}

export function isResponseId(value: string): boolean {
  return /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/.test(value);
}

export function newSubmissionId(): string {
  return randomUUID();
}

export function isUuid(value: unknown): value is string {
  return typeof value === 'string' && UUID.test(value);
}
