/**
 * Reading a submission body: content type, size, strict UTF-8, JSON or urlencoded. The
 * contract's order is 415 → 413 → 400, and a retry must be recognised before anything else,
 * so this only decides whether the body can be read at all.
 */
import { problems } from './problem.ts';
import { isPlainObject } from './answers.ts';

/** The largest body accepted, counted in raw bytes. */
export const MAX_BODY_BYTES = 256 * 1024;
const MAX_DEPTH = 32;
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type Body =
  { encoding: 'json'; value: Record<string, unknown> } | { encoding: 'form'; fields: [string, string][] };

const badRequest = (sv: string, en: string) => problems.badRequest({ sv, en });

/** The media type of a Content-Type header, or a 415 when it is not one we read. */
export function mediaTypeOf(contentType: string | undefined): 'json' | 'form' {
  const [type = '', ...parameters] = (contentType ?? '').split(';').map((part) => part.trim().toLowerCase());
  const charset = parameters.find((parameter) => parameter.startsWith('charset='))?.slice('charset='.length);
  if (charset !== undefined && charset.replace(/"/g, '') !== 'utf-8') throw problems.unsupportedMediaType();
  if (type === 'application/json') return 'json';
  if (type === 'application/x-www-form-urlencoded') return 'form';
  throw problems.unsupportedMediaType();
}

export function parseBody(contentType: string | undefined, bytes: Uint8Array): Body {
  const mediaType = mediaTypeOf(contentType);
  if (bytes.byteLength > MAX_BODY_BYTES) throw problems.tooLarge(MAX_BODY_BYTES);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw badRequest('Innehållet är inte giltig UTF-8.', 'The body is not valid UTF-8.');
  }
  if (mediaType === 'form') return { encoding: 'form', fields: parseForm(text) };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw badRequest('Innehållet är inte giltig JSON.', 'The body is not valid JSON.');
  }
  if (!isPlainObject(value))
    throw badRequest('Innehållet ska vara ett JSON-objekt.', 'The body must be a JSON object.');
  checkShape(value, 0);
  return { encoding: 'json', value };
}

/** More fields than any survey's form has (the application has about 200 with 30 courses). */
export const MAX_FORM_FIELDS = 2_000;

/**
 * Strict urlencoded parsing: a percent-escape that is not valid UTF-8 is a 400, not a silent
 * U+FFFD (URLSearchParams would accept it), and the field count is bounded.
 */
function parseForm(text: string): [string, string][] {
  const fields: [string, string][] = [];
  if (text === '') return fields;
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    if (fields.length === MAX_FORM_FIELDS)
      throw badRequest(
        `Formuläret har fler än ${MAX_FORM_FIELDS} fält.`,
        `The form has more than ${MAX_FORM_FIELDS} fields.`,
      );
    const separator = pair.indexOf('=');
    const name = decodeFormComponent(separator < 0 ? pair : pair.slice(0, separator));
    const value = separator < 0 ? '' : decodeFormComponent(pair.slice(separator + 1));
    if (name.split('.').some((part) => FORBIDDEN_KEYS.has(part)))
      throw badRequest(
        'Formuläret innehåller ett otillåtet fältnamn.',
        'The form contains a field name that is not allowed.',
      );
    fields.push([name, value]);
  }
  return fields;
}

function decodeFormComponent(component: string): string {
  try {
    return decodeURIComponent(component.replace(/\+/g, ' '));
  } catch {
    throw badRequest('Formuläret är inte giltig UTF-8.', 'The form is not valid UTF-8.');
  }
}

/** Rejects prototype keys anywhere and nesting deeper than any survey needs. */
function checkShape(value: unknown, depth: number): void {
  if (depth > MAX_DEPTH)
    throw badRequest('JSON-objektet är för djupt nästlat.', 'The JSON is nested too deeply.');
  if (Array.isArray(value)) {
    for (const element of value) checkShape(element, depth + 1);
  } else if (isPlainObject(value)) {
    for (const [name, child] of Object.entries(value)) {
      if (FORBIDDEN_KEYS.has(name))
        throw badRequest(`Nyckeln "${name}" är inte tillåten.`, `The key "${name}" is not allowed.`);
      checkShape(child, depth + 1);
    }
  }
}
