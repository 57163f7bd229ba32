/** What the views load as text: each page's inline stylesheet and script, the digest's dark mode. */
export type Assets = { pageStyle: string; pageScript: string; digestDarkStyle: string };

/**
 * Drops comments and the formatter's whitespace from our own stylesheets, so pages and emails
 * carry them as compactly as before they moved into `.css` files (Gmail clips mail over 102 KB).
 * Safe for our files: no strings, and no descendant selector before a pseudo-class.
 */
export function compactCss(text: string): string {
  return text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/\s*([{};,])\s*/g, '$1')
    .replace(/:\s+/g, ':')
    .trim();
}
