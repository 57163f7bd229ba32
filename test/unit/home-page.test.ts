/** The landing page at `/`: every survey's form, the information pages, the mail viewer only locally. */
import { describe, expect, it } from 'vitest';
import { homePage } from '../../shared/views/pages/home.ts';
import { routes } from '../../functions/routes.ts';
import { surveys } from '../../surveys/index.ts';

describe('Function: homePage', () => {
  it('links every survey to its form and says which need a personal link', () => {
    const { body } = homePage({ lang: 'sv', surveys });
    for (const survey of surveys) {
      expect(body).toContain(`<a href="/forms/${survey.id}">${survey.title.sv}</a>`);
    }
    const personal = body.match(/personliga länken i din inbjudan/g) ?? [];
    expect(personal).toHaveLength(surveys.filter((survey) => survey.access === 'invite').length);
    expect(body).toContain('href="/privacy"');
    expect(body).toContain('href="/accessibility"');
    expect(body).toContain('<html lang="sv">');
  });

  it('speaks English with ?lang=en and keeps the language in every link', () => {
    const { body } = homePage({ lang: 'en', surveys });
    expect(body).toContain('<html lang="en">');
    expect(body).toContain('<h1>Surveys and forms</h1>');
    expect(body).toContain(`<a href="/forms/centre-application?lang=en">`);
    expect(body).toContain('href="/privacy?lang=en"');
    expect(body).toContain('href="/"');
  });

  it('shows the mail viewer only when given one (the local runtime), never otherwise', () => {
    expect(homePage({ lang: 'sv', surveys }).body).not.toContain('SES local');
    expect(homePage({ lang: 'sv', surveys, mailViewer: 'http://localhost:8005' }).body).toContain(
      '<a href="http://localhost:8005">E-post som skickats (SES local)</a>',
    );
  });

  it('is served at / by a function without a table, locally and on AWS', async () => {
    const { functions } = await import('../../functions/routes.ts');
    expect(routes).toContainEqual({ method: 'GET', path: '/', function: 'home' });
    expect(functions.home).toMatchObject({ table: 'none', sendsMail: false });
  });
});
