import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { countersFor, sumCounters } from '../../shared/core/aggregate.ts';
import { HTML_LIMIT_BYTES, renderDigestEmail, shorten } from '../../shared/views/mail/digest.ts';
import { digestCsv } from '../../shared/views/mail/digest/csv.ts';
import { questionsOf } from '../../shared/core/definition.ts';
import { buildDigest, type Bucket, type Digest } from '../../shared/core/digest.ts';
import type { Comment } from '../../shared/core/digest-run.ts';
import { surveys } from '../../surveys/index.ts';
import { regions } from '../../surveys/regions.ts';
import { centreApplication } from '../../surveys/centre-application.ts';
import { centreFollowup } from '../../surveys/centre-followup.ts';
import { companyValue } from '../../surveys/company-value.ts';
import { criteria } from '../../surveys/criteria.ts';
import { steeringGroup } from '../../surveys/steering-group.ts';
import * as examples from '../fixtures/answers.ts';

const bucket = (week: string, counters: Record<string, number>[], region?: string): Bucket => ({
  week,
  counters: sumCounters(counters),
  ...(region && { region }),
});

const companies = [
  countersFor(companyValue, examples.companyValue({ recommend: 10, industry: 'fordon' })),
  countersFor(companyValue, examples.companyValue({ recommend: 6, wholeCentreValue: 2 })),
  countersFor(companyValue, examples.companyValue({ recommend: 9, companySize: '1-9' })),
];
const groups = [countersFor(steeringGroup, examples.steeringGroup())];
const applications = [countersFor(centreApplication, examples.centreApplication())];

function digestOf(week: string): Digest {
  return buildDigest({
    period: week,
    surveys: [
      {
        survey: centreApplication,
        buckets: [bucket('2026-W47', applications), bucket('2026-W47', applications, 'tc-ostra-smaland')],
        invites: {},
      },
      {
        survey: companyValue,
        buckets: [
          bucket('2026-W46', [companies[0]!]),
          bucket('2026-W47', companies.slice(1)),
          bucket('2026-W46', [companies[0]!], 'kalmar'),
          bucket('2026-W47', companies.slice(1), 'tc-ostra-smaland'),
        ],
        // Kalmar: invited under a county before the regions; Östra Småland: after.
        invites: {
          invited: 8,
          answered: 3,
          'invited@kalmar': 2,
          'answered@kalmar': 1,
          'invited@tc-ostra-smaland': 6,
          'answered@tc-ostra-smaland': 2,
        },
      },
      { survey: steeringGroup, buckets: [bucket('2026-W47', groups)], invites: { invited: 2, answered: 1 } },
    ],
    statuses: { submitted: 1 },
  });
}

const hostile = ['<script>alert("x")</script> Bra samverkan', '"><img src=x onerror=alert(1)> och mer'];

function comments(texts: string[]): Record<string, Comment[]> {
  return Object.fromEntries(
    surveys.map((survey) => [
      survey.id,
      texts.map((text, index) => ({
        questionId: survey.id === 'company-value' ? 'improvements' : 'comments',
        text,
        submittedAt: `2026-11-2${index % 3}T10:00:00.000Z`,
      })),
    ]),
  );
}

/** The words a reader sees: tags, the head and entities removed. */
function visibleText(markup: string): string {
  return markup
    .replace(/<head>[\s\S]*?<\/head>/, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/g, ' ')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

const numbersIn = (text: string) => new Set(text.match(/[+−-]?\d+(?:[,.]\d+)?(?:\s%)?/g) ?? []);

describe('renderDigestEmail', () => {
  it('puts the ISO week and its dates in the subject', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: {} });
    expect(email.subject).toBe('Pilotens veckorapport v. 47 (2026-11-16 – 2026-11-22)');
  });

  it('escapes hostile comments in the HTML', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: comments(hostile) });
    expect(email.html).not.toMatch(/<script|<img|onerror=alert\(1\)>/i);
    expect(email.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; Bra samverkan');
    expect(email.html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt; och mer');
  });

  it('uses no scripts, SVG, images or external resources', () => {
    const { html } = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: comments(hostile) });
    expect(html).not.toMatch(/<(script|svg|img|link|iframe)\b/i);
    expect(html).not.toMatch(/<[^>]*\s(src|href)=/i);
    expect(html).not.toMatch(/url\(/i);
  });

  it('declares light and dark colour schemes and a dark-mode style', () => {
    const { html } = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: {} });
    expect(html).toMatch(/<meta name="color-scheme" content="light dark" ?\/?>/);
    expect(html).toContain('@media (prefers-color-scheme:dark)');
    expect(html).toContain('max-width:600px');
  });

  it('stays under Gmail’s 102 KB with every option chosen and five long comments per survey', () => {
    // The largest digest the surveys can make: every bar of every chart drawn.
    const industries = companyValue.sections[0]!.questions[1]!;
    const collaboration = companyValue.sections[0]!.questions[2]!;
    if (industries.type !== 'singleChoice' || collaboration.type !== 'multiChoice')
      throw new Error('survey changed');
    const everything = industries.options.map((option) =>
      countersFor(
        companyValue,
        examples.companyValue({
          industry: option.value,
          collaboration: collaboration.options.map((entry) => entry.value),
        }),
      ),
    );
    // Every value of every likert and matrix row of the centres' follow-up.
    const followups = [1, 2, 3, 4, 5].map((value) =>
      countersFor(
        centreFollowup,
        examples.centreFollowup({
          wholeCentreValue: value,
          criteriaSelfAssessment: Object.fromEntries(criteria.map((criterion) => [criterion.id, value])),
        }),
      ),
    );
    // Every Teknikcollege region and a few legacy counties, the roll-up's longest realistic shape.
    const regional = [...regions.map((region) => region.slug), 'kalmar', 'skane', 'stockholm'];
    const digest = buildDigest({
      period: '2026-W47',
      surveys: [
        {
          survey: centreApplication,
          buckets: regional
            .map((region) => bucket('2026-W47', applications, region))
            .concat(bucket('2026-W47', applications)),
          invites: {},
        },
        {
          survey: companyValue,
          buckets: [bucket('2026-W46', everything), bucket('2026-W47', everything)].concat(
            regional.map((region) => bucket('2026-W47', everything, region)),
          ),
          invites: Object.fromEntries(
            regional.flatMap((region) => [
              [`invited@${region}`, 30],
              [`answered@${region}`, 9],
            ]),
          ),
        },
        {
          survey: steeringGroup,
          buckets: [bucket('2026-W47', groups)],
          invites: { invited: 2, answered: 1 },
        },
        {
          survey: centreFollowup,
          buckets: regional
            .map((region) => bucket('2026-W47', followups, region))
            .concat(bucket('2026-W47', followups)),
          invites: { invited: 12, answered: 5 },
        },
      ],
      statuses: { submitted: 1 },
    });
    const long = Array.from(
      { length: 5 },
      (_, index) => `Kommentar ${index}: ${'lång text med åäö '.repeat(110)}`,
    );
    const email = renderDigestEmail(digest, { surveys, comments: comments(long) });
    expect(email.html.match(/class="bar"/g)!.length).toBeGreaterThan(40);
    const size = Buffer.byteLength(email.html);
    expect(size).toBeLessThan(HTML_LIMIT_BYTES);
    expect(email.html.match(/class="quote"/g)).toHaveLength(5 * 4); // five per survey
    expect(email.html).not.toContain('lång text med åäö '.repeat(20)); // shortened
  });

  it('shortens a comment at a word boundary with an ellipsis and folds its line breaks', () => {
    expect(shorten('ett två\ntre', 280)).toBe('ett två tre');
    const short = shorten('ord '.repeat(100), 40);
    expect(short.length).toBeLessThanOrEqual(40);
    expect(short).toMatch(/^ord( ord)*…$/);
  });

  it('shows the headline figures: new answers, response rate, NPS and its change, applications waiting', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: {} });
    const text = visibleText(email.html);
    expect(text).toMatch(/Nya svar denna vecka\s+förra veckan 1, hittills 5\s+4/);
    expect(text).toMatch(/Svarsfrekvens, Företagsenkäten\s+8 inbjudna\s+37,5\s%/);
    // Company NPS: so far 10, 6, 9 → (2 − 1) / 3 = 33; this week 6, 9 → 0; last week 10 → 100.
    expect(text).toMatch(
      /NPS, Företagsenkäten\s+hittills, 3 svar; denna vecka 0 \(2 svar\); −100 mot förra veckan\s+33/,
    );
    expect(text).toMatch(/Ansökningar som väntar på granskning\s+totalt 1 ansökningar i piloten\s+1/);
    expect(text).toMatch(/Dagar kvar av piloten\s+piloten slutar 2027-06-30\s+220/);
  });

  it('rolls up by Teknikcollege region and shows counters stored under a county apart', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: {} });
    const text = visibleText(email.html);
    expect(text).toMatch(
      /Per region.*Östra Småland\s+Ansökningar 1 \+1 · Företagsenkäten 2 \+2 \(33,3\s%\)\s+Hela landet.*Län \(före regionerna\)\s+Kalmar län\s+Företagsenkäten 1 \(50\s%\)/s,
    );
    expect(email.text).toMatch(
      /PER REGION\n.*\nÖstra Småland: .*\nHela landet: .*\n\nLÄN \(FÖRE REGIONERNA\)\nKalmar län: Företagsenkäten 1 \(50\s%\)/,
    );
  });

  it("reports the centres' own follow-up like every survey: its name, ratings and hours", () => {
    const answers = [
      countersFor(centreFollowup, examples.centreFollowup({ qualityAssuranceHours: 100 })),
      countersFor(centreFollowup, examples.centreFollowup({ qualityAssuranceHours: 140 })),
    ];
    const digest = buildDigest({
      period: '2026-W47',
      surveys: [{ survey: centreFollowup, buckets: [bucket('2026-W47', answers)], invites: { invited: 2 } }],
      statuses: {},
    });
    const hours = digest.surveys[0]!.questions.find((question) => question.id === 'qualityAssuranceHours');
    expect(hours?.total).toMatchObject({ n: 2, mean: 120 });
    const email = renderDigestEmail(digest, { surveys, comments: {} });
    const text = visibleText(email.html);
    expect(text).toContain('Centrumenkäten');
    expect(text).toContain('Hur väl uppfyller ert centrum kriterierna i dag?');
    expect(email.text).toContain('Centrumenkäten');
  });

  it('lists regions in the list order even when the first survey has answers only from a later one', () => {
    const digest = buildDigest({
      period: '2026-W47',
      surveys: [
        { survey: centreApplication, buckets: [bucket('2026-W47', applications, 'tc-sydost')], invites: {} },
        {
          survey: companyValue,
          buckets: [bucket('2026-W47', companies, 'tc-gotland'), bucket('2026-W47', companies, 'tc-sydost')],
          invites: {},
        },
      ],
      statuses: {},
    });
    const { text } = renderDigestEmail(digest, { surveys, comments: {} });
    expect(text.indexOf('\nGotland: ')).toBeGreaterThan(-1);
    expect(text.indexOf('\nGotland: ')).toBeLessThan(text.indexOf('\nSydost: '));
  });

  it('gives the plain-text part the same numbers as the HTML', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: comments(['Bra, 4 av 5.']) });
    const inHtml = numbersIn(visibleText(email.html));
    const inText = numbersIn(email.text);
    expect(inHtml.size).toBeGreaterThan(30);
    expect([...inText].sort()).toEqual([...inHtml].sort());
    expect(email.text).toContain(
      'NPS, Företagsenkäten: 33 (hittills, 3 svar; denna vecka 0 (2 svar); −100 mot förra veckan)',
    );
  });

  it('sends a short, honest digest for a week without answers', () => {
    const email = renderDigestEmail(digestOf('2026-W49'), { surveys, comments: {} });
    expect(email.subject).toBe('Pilotens veckorapport v. 49 (2026-11-30 – 2026-12-06)');
    expect(email.html).toContain('Inga nya svar kom in den här veckan.');
    expect(email.html).not.toContain('class="bar"');
    expect(email.text).toContain('Inga nya svar kom in den här veckan.');
    expect(Buffer.byteLength(email.html)).toBeLessThan(20_000);
  });

  it('attaches a CSV with every per-question figure', () => {
    const email = renderDigestEmail(digestOf('2026-W47'), { surveys, comments: {} });
    const [attachment] = email.attachments;
    expect(attachment).toMatchObject({
      filename: 'veckorapport-2026-W47.csv',
      contentType: 'text/csv; charset=utf-8',
    });
    const rows = parse(attachment!.content as string, { columns: true, bom: true }) as Record<
      string,
      string
    >[];
    const find = (survey: string, question: string, measure: string, value = '', row = '') =>
      rows.find(
        (entry) =>
          entry.survey === survey &&
          entry.question === question &&
          entry.measure === measure &&
          entry.value === value &&
          entry.row === row,
      );
    expect(find('company-value', 'recommend', 'nps')).toMatchObject({
      period: '0',
      previous: '100',
      total: '33',
    });
    expect(find('company-value', 'recommend', 'count', '9')).toMatchObject({
      period: '1',
      previous: '0',
      total: '1',
    });
    expect(find('company-value', '', 'responses')).toMatchObject({ period: '2', previous: '1', total: '3' });
    expect(find('company-value', '', 'responseRate')).toMatchObject({ total: '0.375' });
    expect(find('steering-group', 'criteriaUpheld', 'mean', '', 'regional-collaboration')).toMatchObject({
      period: '4',
      total: '4',
    });
    expect(find('centre-application', 'centreName', 'n')).toMatchObject({
      total: '1',
      label: 'Kompetenscentrumets namn',
    });
  });

  it("escapes formula-like text in the CSV (', then =, +, -, @, tab, CR) and keeps a negative NPS a number", () => {
    // Prepare: question texts that start like formulas, and a week whose NPS is negative.
    const starts = ['=', '+', '-', '@', '\t', '\r'];
    const digest = structuredClone(digestOf('2026-W47'));
    const figures = digest.surveys.find((entry) => entry.id === 'company-value')!;
    figures.questions.find((question) => question.id === 'recommend')!.period.nps = -40;
    const relabelled = structuredClone(companyValue);
    const questions = questionsOf(relabelled).filter((question) =>
      figures.questions.some((figure) => figure.id === question.id),
    );
    questions.slice(0, starts.length).forEach((question, index) => {
      question.label.sv = `${starts[index]}SUM(A1)`;
    });

    // Act
    const csv = digestCsv(
      digest,
      surveys.map((survey) => (survey.id === relabelled.id ? relabelled : survey)),
    );

    // Assess
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    questions.slice(0, starts.length).forEach((question, index) => {
      const row = rows.find((entry) => entry.question === question.id && entry.measure === 'n');
      expect(row?.label).toBe(`'${starts[index]}SUM(A1)`);
    });
    expect(csv).toMatch(/^company-value,recommend,nps,,nps,,-40,/m);
  });
});
