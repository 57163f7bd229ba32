/**
 * The stylesheets and the browser script of pages and emails, as text. Node cannot import `.css`
 * or a script as text, so here (local runs, tests, the CLI) they are read from disk beside this
 * module; a Lambda bundle gets `bundled.ts` instead, where esbuild inlines them (`package.json`
 * maps `#assets` to it under the `skc-bundle` condition that `infra/constructs/functions.ts` sets).
 */
import { readFileSync } from 'node:fs';
import { compactCss, type Assets } from './types.ts';

const read = (name: string) => readFileSync(new URL(name, import.meta.url), 'utf8');

export const assets: Assets = {
  pageStyle: compactCss(read('./page.css')),
  pageScript: read('./page.js'),
  digestDarkStyle: compactCss(read('./digest-dark.css')),
};
