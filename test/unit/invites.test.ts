import { describe, expect, it } from 'vitest';
import { parseInviteList, personalLink } from '../../shared/core/invites.ts';
import { answerBy, invitationMail } from '../../shared/views/mail/invitation.ts';
import { companyValue } from '../../surveys/company-value.ts';

const header = 'email,organisation,region,name';

describe('parseInviteList', () => {
  it('reads a valid list, normalising addresses and regions to their slugs', () => {
    // Prepare
    const text = `\uFEFF${header}\r\n Anna@Verkstad.SE ,Verkstaden AB,ÖSTRA SMÅLAND,Anna Andersson\r\nper@plast.se,Plast & Co,tc-kronoberg,\r\n`;
    // Act
    const list = parseInviteList(text);
    // Assess
    expect(list).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          email: 'anna@verkstad.se',
          organisation: 'Verkstaden AB',
          region: 'tc-ostra-smaland',
          name: 'Anna Andersson',
        },
        { line: 3, email: 'per@plast.se', organisation: 'Plast & Co', region: 'tc-kronoberg' },
      ],
    });
  });

  it('accepts the columns in any order and without the name column', () => {
    const list = parseInviteList('region,email,organisation\nGotland,a@b.se,Företaget\n');
    expect(list).toEqual({
      ok: true,
      rows: [{ line: 2, email: 'a@b.se', organisation: 'Företaget', region: 'tc-gotland' }],
    });
  });

  it('reads a semicolon-separated list as Swedish Excel saves it', () => {
    const list = parseInviteList('email;organisation;region\na@b.se;Bolaget, Filial Syd;Sydost\n');
    expect(list.ok && list.rows[0]?.organisation).toBe('Bolaget, Filial Syd');
  });

  it('reports every bad row with its line number', () => {
    // Prepare: line 3 is blank, line 5 is a quoted field spanning two lines.
    const text = [
      header,
      'not-an-email,Org A,Östra Småland,',
      '',
      'ok@a.se,,Östra Småland,',
      'ok2@a.se,"Two',
      'lines",Östra Småland,',
      'ok@a.se,Org B,Östra Småland,',
      'ok3@a.se,Org C,atlantis,',
      `ok4@a.se,${'x'.repeat(201)},Östra Småland,`,
      'ok5@a.se,Org\u0007Bell,Östra Småland,',
      'ok6@a.se,Org D,Östra Småland,Name,extra',
      'fine@a.se,Fine AB,Gotland,',
    ].join('\n');
    // Act
    const list = parseInviteList(text);
    // Assess
    expect(list.ok).toBe(false);
    const problems = list.ok ? [] : list.problems;
    expect(problems.map((problem) => problem.line)).toEqual([2, 4, 5, 7, 8, 9, 10, 11]);
    expect(problems[0]?.message).toMatch(/not a valid address/);
    expect(problems[1]?.message).toBe('organisation is empty');
    expect(problems[2]?.message).toBe('organisation contains control characters');
    expect(problems[3]?.message).toBe('email ok@a.se is already on line 4');
    expect(problems[4]?.message).toMatch(
      /unknown region "atlantis"; use one of Gotland, Gästrikland, .*Östra Småland/,
    );
    expect(problems[5]?.message).toBe('organisation is longer than 200 characters');
    expect(problems[6]?.message).toBe('organisation contains control characters');
    expect(problems[7]?.message).toBe('5 columns, but the header has 4');
  });

  it('treats addresses differing only in case as the same person', () => {
    const list = parseInviteList(`${header}\nA@b.se,X,Östra Småland,\na@B.se,Y,Östra Småland,\n`);
    expect(list).toEqual({
      ok: false,
      problems: [{ line: 3, message: 'email a@B.se is already on line 2' }],
    });
  });

  it('rejects bidirectional override characters that disguise a name', () => {
    const list = parseInviteList(`${header}\na@b.se,Evil\u202EBA,Östra Småland,\n`);
    expect(list).toEqual({
      ok: false,
      problems: [{ line: 2, message: 'organisation contains control characters' }],
    });
  });

  it("rejects bidirectional marks and an address SES cannot deliver, by the answers' one rule", () => {
    const list = parseInviteList(
      `${header}\nåsa@b.se,Ok AB,Östra Småland,\nb@b.se,Evil\u200fBA,Östra Småland,\n`,
    );
    expect(list).toEqual({
      ok: false,
      problems: [
        { line: 2, message: 'email "åsa@b.se" is not a valid address' },
        { line: 3, message: 'organisation contains control characters' },
      ],
    });
  });

  it('asks for the header row when the first row is data', () => {
    const list = parseInviteList('a@b.se,Org,Östra Småland\n');
    expect(list.ok).toBe(false);
    expect(!list.ok && list.problems[0]).toMatchObject({
      line: 1,
      message: expect.stringMatching(/first row must name the columns.*missing email, organisation, region/),
    });
  });

  it('refuses a county, which is no longer a region, naming the Teknikcollege regions', () => {
    const list = parseInviteList(`${header}\na@b.se,Org,kalmar,\n`);
    expect(list).toEqual({
      ok: false,
      problems: [
        {
          line: 2,
          message: expect.stringMatching(
            /^"kalmar" is a county, not a Teknikcollege region; use one of Gotland, /,
          ),
        },
      ],
    });
  });

  it('reports an unclosed quote at the line where parsing stopped', () => {
    const list = parseInviteList(`${header}\na@b.se,"Open,Östra Småland,\nb@c.se,Org,Östra Småland,\n`);
    expect(list.ok).toBe(false);
    expect(!list.ok && list.problems[0]?.message).toMatch(/quoted field is never closed/);
  });

  it('reads the optional centre column by name in any case or by slug, storing the slug', () => {
    const centres = [{ slug: 'additivt-teknikcenter', name: 'Additivt Teknikcenter' }];
    const list = parseInviteList(
      'email,organisation,region,centre\na@b.se,A AB,Östra Småland,ADDITIVT teknikcenter\nb@c.se,B AB,tc-ostra-smaland,additivt-teknikcenter\nc@d.se,C AB,östra småland,\n',
      { centres },
    );
    expect(list).toEqual({
      ok: true,
      rows: [
        {
          line: 2,
          email: 'a@b.se',
          organisation: 'A AB',
          region: 'tc-ostra-smaland',
          centre: 'additivt-teknikcenter',
        },
        {
          line: 3,
          email: 'b@c.se',
          organisation: 'B AB',
          region: 'tc-ostra-smaland',
          centre: 'additivt-teknikcenter',
        },
        { line: 4, email: 'c@d.se', organisation: 'C AB', region: 'tc-ostra-smaland' },
      ],
    });
  });

  it('refuses an unknown centre naming its line', () => {
    const list = parseInviteList(
      'email,organisation,region,centre\na@b.se,A AB,Östra Småland,Okänt Center\n',
      {
        centres: [{ slug: 'additivt-teknikcenter', name: 'Additivt Teknikcenter' }],
      },
    );
    expect(list).toEqual({ ok: false, problems: [{ line: 2, message: 'unknown centre "Okänt Center"' }] });
  });

  it('refuses a list with a header only', () => {
    expect(parseInviteList(`${header}\n`)).toEqual({
      ok: false,
      problems: [{ line: 1, message: 'no invitees below the header row' }],
    });
  });
});

describe('invitationMail', () => {
  const hostile = `<script>alert("x")</script> & "Bolaget" <img src=x onerror=alert(1)>`;
  const input = {
    kind: 'invitation' as const,
    survey: companyValue,
    to: { organisation: hostile, name: 'Anna <b>Andersson</b>' },
    token: 'abcdefghijklmnopqrstuvwxyz012345',
    publicUrl: 'https://enkat.teknikcollege.se/',
  };

  it('escapes a hostile organisation name in the HTML part', () => {
    const mail = invitationMail(input);
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<img');
    expect(mail.html).not.toContain('<b>Andersson');
    expect(mail.html).toContain(
      '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &quot;Bolaget&quot;',
    );
  });

  it('keeps user text out of the subject', () => {
    const mail = invitationMail(input);
    expect(mail.subject).toBe('Inbjudan: Vad ger samverkan med kompetenscentrumet? (Invitation to a survey)');
    expect(invitationMail({ ...input, kind: 'reminder' }).subject).toMatch(/^Påminnelse: /);
  });

  it('says in Swedish and English who is invited, why, how long it takes, until when, and links privacy', () => {
    const { text } = invitationMail(input);
    expect(text).toContain(`${hostile} är inbjuden att svara på enkäten ”${companyValue.title.sv}”.`);
    expect(text).toContain(companyValue.description!.sv);
    expect(text).toContain(companyValue.description!.en);
    expect(text).toContain('Det tar ungefär 5 minuter. Svara senast den 30 juni 2027.');
    expect(text).toContain('It takes about 5 minutes. Please answer by 30 June 2027.');
    expect(text).toContain(
      'https://enkat.teknikcollege.se/forms/company-value?token=abcdefghijklmnopqrstuvwxyz012345\n',
    );
    expect(text).toContain('https://enkat.teknikcollege.se/privacy');
    expect(text.indexOf('Hej Anna')).toBeLessThan(text.indexOf('Hello Anna'));
  });

  it('puts the personal link in the HTML button, with the English link in the English part', () => {
    const { html } = invitationMail(input);
    expect(html).toContain(
      'href="https://enkat.teknikcollege.se/forms/company-value?token=abcdefghijklmnopqrstuvwxyz012345"',
    );
    expect(html).toContain(
      'href="https://enkat.teknikcollege.se/forms/company-value?token=abcdefghijklmnopqrstuvwxyz012345&amp;lang=en"',
    );
    expect(html).toContain('href="https://enkat.teknikcollege.se/privacy"');
  });

  it('greets on behalf of the centre by its registered name, escaped', () => {
    const mail = invitationMail({
      ...input,
      to: { organisation: 'Verkstaden AB', centreName: 'Additivt <i>Teknikcenter</i>' },
    });
    expect(mail.text).toContain(
      `Additivt <i>Teknikcenter</i> bjuder in Verkstaden AB att svara på enkäten ”${companyValue.title.sv}”.`,
    );
    expect(mail.text).toContain('Med vänliga hälsningar\nAdditivt <i>Teknikcenter</i> och Teknikcollege');
    expect(mail.text).toContain('Additivt <i>Teknikcenter</i> invites Verkstaden AB to answer');
    expect(mail.html).toContain('Additivt &lt;i&gt;Teknikcenter&lt;/i&gt; bjuder in Verkstaden AB');
    expect(mail.html).not.toContain('<i>Teknikcenter');
  });

  it('tells a reminder that the organisation has not answered yet', () => {
    const { text } = invitationMail({ ...input, kind: 'reminder', to: { organisation: 'Verkstaden AB' } });
    expect(text).toContain('Vi har ännu inte fått något svar från Verkstaden AB');
    expect(text).toContain('We have not yet received an answer from Verkstaden AB');
  });
});

describe('answerBy', () => {
  it('names the last whole day of a survey that closes at midnight, Stockholm time', () => {
    expect(answerBy(companyValue)).toEqual({ sv: 'senast den 30 juni 2027', en: 'by 30 June 2027' });
  });

  it('names the time of a survey that closes during the day', () => {
    const survey = { ...companyValue, closesAt: '2027-03-15T16:00:00Z' };
    expect(answerBy(survey)).toEqual({
      sv: 'senast den 15 mars 2027 kl. 17.00',
      en: 'by 15 March 2027 at 17:00 (Swedish time)',
    });
  });
});

describe('personalLink', () => {
  it('encodes the survey id and token into the public URL', () => {
    expect(personalLink('http://localhost:3000', 'steering-group', 'a-b_c')).toBe(
      'http://localhost:3000/forms/steering-group?token=a-b_c',
    );
  });
});
