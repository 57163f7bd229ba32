/** The assets of `index.ts`, inlined as text by esbuild when a Lambda function is bundled. */
import digestDarkStyle from './digest-dark.css' with { type: 'text' };
import pageStyle from './page.css' with { type: 'text' };
import pageScript from './page.js' with { type: 'text' };
import { compactCss, type Assets } from './types.ts';

export const assets: Assets = {
  pageStyle: compactCss(pageStyle),
  pageScript,
  digestDarkStyle: compactCss(digestDarkStyle),
};
