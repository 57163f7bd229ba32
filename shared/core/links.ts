/**
 * Every public path of the contract, and the one function that builds links to them. The route
 * table (`functions/routes.ts`) wires these paths to functions; pages, emails and the CLI build
 * their links here, relative on pages and absolute on the configured public URL in emails.
 */
import type { Lang } from './definition.ts';

export const paths = {
  home: '/',
  health: '/health',
  surveys: '/surveys',
  survey: '/surveys/{id}',
  responses: '/surveys/{id}/responses',
  form: '/forms/{id}',
  receipt: '/forms/{id}/receipt/{responseId}',
  privacy: '/privacy',
  accessibility: '/accessibility',
} as const;

export type PathName = keyof typeof paths;

/** The `{name}` parameters a path needs, e.g. `{ id: string; responseId: string }` for a receipt. */
type ParamsOf<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? { [K in Name]: string } & ParamsOf<Rest>
  : unknown;

export type LinkOptions = {
  /** The public URL (`SKC_PUBLIC_URL`) for a link in an email; a page's links stay relative. */
  base?: string;
  query?: Record<string, string | undefined>;
  /** English adds `lang=en` (Swedish is the default). */
  lang?: Lang;
};

/** A link to one of the contract's paths: parameters escaped, empty query values left out. */
export function link<N extends PathName>(
  name: N,
  params: ParamsOf<(typeof paths)[N]>,
  options: LinkOptions = {},
): string {
  const path = paths[name].replace(/\{(\w+)\}/g, (_, key: string) =>
    encodeURIComponent((params as Record<string, string>)[key]!),
  );
  const base = options.base ? options.base.replace(/\/+$/, '') : '';
  return withLang(`${base}${path}`, options.query ?? {}, options.lang ?? 'sv');
}

/** A URL with its query and `lang=en` set or removed (Swedish is the default). */
function withLang(path: string, params: Record<string, string | undefined>, lang: Lang): string {
  const query = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value) query.set(name, value);
  if (lang === 'en') query.set('lang', 'en');
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}
