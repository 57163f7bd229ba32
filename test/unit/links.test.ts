import { describe, expect, it } from 'vitest';
import { link, paths } from '../../shared/core/links.ts';
import { routes } from '../../functions/routes.ts';

describe('link', () => {
  it('builds a relative page link, English adding lang=en', () => {
    expect(link('privacy', {})).toBe('/privacy');
    expect(link('privacy', {}, { lang: 'en' })).toBe('/privacy?lang=en');
    expect(link('receipt', { id: 'company-value', responseId: 'R-1' }, { lang: 'en' })).toBe(
      '/forms/company-value/receipt/R-1?lang=en',
    );
  });

  it('builds an absolute link on the public URL, whatever its trailing slashes', () => {
    expect(link('form', { id: 'steering-group' }, { base: 'https://enkater.example.se//' })).toBe(
      'https://enkater.example.se/forms/steering-group',
    );
  });

  it('puts the query before lang=en, leaves out empty values and escapes parameters', () => {
    expect(link('form', { id: 'a b' }, { query: { token: 'T0k-_', none: undefined }, lang: 'en' })).toBe(
      '/forms/a%20b?token=T0k-_&lang=en',
    );
  });

  it('is the only source of the paths the route table serves', () => {
    const known = new Set<string>(Object.values(paths));
    for (const route of routes) expect(known).toContain(route.path);
  });
});
