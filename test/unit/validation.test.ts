import { describe, expect, it } from 'vitest';
import type { Question, Survey } from '../../shared/core/definition.ts';
import { isValidEmail, isValidOrgNumber, validateAnswers } from '../../shared/core/validation.ts';
import { surveys } from '../../surveys/index.ts';
import { examples } from '../fixtures/answers.ts';

/** A one-question survey, so each type's boundaries are tested alone. */
function surveyOf(question: Question): Survey {
  return {
    id: 'probe',
    version: 1,
    title: { sv: 'Prov', en: 'Probe' },
    access: 'open',
    minutes: 1,
    sections: [{ id: 'only', title: { sv: 'Del', en: 'Part' }, questions: [question] }],
  };
}

const label = { sv: 'Frågan', en: 'The question' };
const accepts = (question: Question, value: unknown) =>
  validateAnswers(surveyOf(question), { [question.id]: value }, 'sv').ok;
const issuesOf = (question: Question, value: unknown) => {
  const result = validateAnswers(surveyOf(question), { [question.id]: value }, 'sv');
  return result.ok ? [] : result.issues;
};

describe('validateAnswers: one definition per type', () => {
  it('accepts the example answers of every survey', () => {
    for (const survey of surveys) {
      const result = validateAnswers(survey, examples[survey.id]!(), 'sv');
      expect(result, survey.id).toEqual({ ok: true, answers: examples[survey.id]!() });
    }
  });

  it('text: accepts exactly maxLength characters and rejects one more, naming the question', () => {
    const question: Question = { id: 'name', type: 'text', label, required: true, maxLength: 5 };
    expect(accepts(question, 'abcde')).toBe(true);
    expect(accepts(question, 'åäöÅÄ')).toBe(true);
    expect(issuesOf(question, 'abcdef')).toEqual([
      { path: ['answers', 'name'], message: 'Frågan: skriv högst 5 tecken.' },
    ]);
  });

  it('text: counts characters, not UTF-16 units (an emoji is one character)', () => {
    const question: Question = { id: 'name', type: 'text', label, required: true, maxLength: 2 };
    expect(accepts(question, '😀😀')).toBe(true);
  });

  it('text: rejects control characters but keeps newlines and tabs', () => {
    const question: Question = { id: 'note', type: 'longText', label, required: true, maxLength: 100 };
    expect(accepts(question, 'rad 1\nrad 2\tslut')).toBe(true);
    expect(accepts(question, 'nul\u0000')).toBe(false);
    expect(accepts(question, 'bell\u0007')).toBe(false);
    expect(accepts(question, 'c1\u0085')).toBe(false);
  });

  it('email: accepts an address and rejects text without a domain', () => {
    const question: Question = { id: 'mail', type: 'email', label, required: true };
    expect(accepts(question, 'anna@example.se')).toBe(true);
    expect(accepts(question, 'anna@localhost')).toBe(false);
    expect(accepts(question, 'anna example.se')).toBe(false);
    expect(accepts(question, 'anna@example.se\nBcc: x@evil.test')).toBe(false);
  });

  it('email: refuses a local part SES cannot deliver (non-ASCII, over 64 characters), naming the question', () => {
    const question: Question = { id: 'mail', type: 'email', label, required: true };
    expect(accepts(question, `${'a'.repeat(64)}@example.se`)).toBe(true);
    expect(accepts(question, 'anna+enkät@example.se')).toBe(false);
    for (const address of ['åsa@example.se', `${'a'.repeat(65)}@example.se`])
      expect(issuesOf(question, address)).toEqual([
        {
          path: ['answers', 'mail'],
          message:
            'Frågan: vi kan inte skicka e-post till adressen. Före @ går bara a–z, siffror och tecken som . - _ + (inte å, ä, ö), högst 64 tecken.',
        },
      ]);
    const english = validateAnswers(surveyOf(question), { mail: 'åsa@example.se' }, 'en');
    expect(english.ok ? '' : english.issues[0]?.message).toContain('we cannot send email to this address');
    expect(isValidEmail('åsa@example.se')).toBe(false);
  });

  it('text: refuses every bidirectional control character, naming the question', () => {
    const question: Question = { id: 'name', type: 'text', label, required: true, maxLength: 100 };
    expect(accepts(question, 'Åsa Öberg, عربي')).toBe(true);
    const bidi = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
    for (const character of [...bidi, '\u200e', '\u200f', '\u061c'])
      expect(issuesOf(question, `Evil${character}BA`), JSON.stringify(character)).toEqual([
        {
          path: ['answers', 'name'],
          message:
            'Frågan: texten innehåller osynliga tecken som ändrar skrivriktningen. Ta bort dem och försök igen.',
        },
      ]);
    const email: Question = { id: 'mail', type: 'email', label, required: true };
    expect(issuesOf(email, 'anna\u202e@example.se')).toHaveLength(1);
  });

  it('orgNumber: accepts a Luhn-valid number and rejects a wrong check digit with its own message', () => {
    const question: Question = { id: 'org', type: 'orgNumber', label, required: true };
    expect(accepts(question, '556677-8899')).toBe(isValidOrgNumber('556677-8899'));
    expect(accepts(question, '212000-0761')).toBe(true);
    expect(issuesOf(question, '212000-0762')[0]?.message).toBe(
      'Frågan: kontrollsiffran stämmer inte. Kontrollera organisationsnumret.',
    );
    expect(issuesOf(question, '2120000761')[0]?.message).toContain('10 siffror med bindestreck');
  });

  it('integer: accepts min and max, rejects one outside, decimals and numeric strings', () => {
    const question: Question = { id: 'weeks', type: 'integer', label, required: true, min: 1, max: 52 };
    expect(accepts(question, 1)).toBe(true);
    expect(accepts(question, 52)).toBe(true);
    expect(issuesOf(question, 0)[0]?.message).toBe('Frågan: ange ett värde från 1 till 52.');
    expect(accepts(question, 53)).toBe(false);
    expect(accepts(question, 2.5)).toBe(false);
    expect(issuesOf(question, '5')[0]?.message).toBe('Frågan: svaret ska vara ett heltal.');
  });

  it('number: accepts decimals within the range', () => {
    const question: Question = { id: 'share', type: 'number', label, required: true, min: 0, max: 1 };
    expect(accepts(question, 0.25)).toBe(true);
    expect(accepts(question, 1.01)).toBe(false);
  });

  it('date: accepts a real calendar date within min/max and rejects 2026-02-30', () => {
    const question: Question = {
      id: 'day',
      type: 'date',
      label,
      required: true,
      min: '2020-01-01',
      max: '2027-06-30',
    };
    expect(accepts(question, '2026-02-28')).toBe(true);
    expect(accepts(question, '2026-02-30')).toBe(false);
    expect(accepts(question, '2019-12-31')).toBe(false);
    expect(accepts(question, '2027-07-01')).toBe(false);
    expect(accepts(question, '26-02-01')).toBe(false);
  });

  const options = [
    { value: 'a', label: { sv: 'A', en: 'A' } },
    { value: 'b', label: { sv: 'B', en: 'B' } },
    { value: 'c', label: { sv: 'C', en: 'C' } },
  ];

  it('singleChoice: accepts an option value only', () => {
    const question: Question = { id: 'pick', type: 'singleChoice', label, required: true, options };
    expect(accepts(question, 'b')).toBe(true);
    expect(issuesOf(question, 'd')[0]?.message).toBe('Frågan: välj ett av alternativen.');
    expect(accepts(question, ['a'])).toBe(false);
  });

  it('multiChoice: accepts distinct options within minItems/maxItems', () => {
    const question: Question = {
      id: 'many',
      type: 'multiChoice',
      label,
      required: true,
      options,
      minItems: 1,
      maxItems: 2,
    };
    expect(accepts(question, ['a'])).toBe(true);
    expect(accepts(question, ['a', 'c'])).toBe(true);
    expect(accepts(question, [])).toBe(false);
    expect(accepts(question, ['a', 'b', 'c'])).toBe(false);
    expect(accepts(question, ['a', 'a'])).toBe(false);
    expect(accepts(question, ['x'])).toBe(false);
  });

  it('likert: accepts integers of the scale only', () => {
    const question: Question = {
      id: 'agree',
      type: 'likert',
      label,
      required: true,
      scale: { min: 1, max: 5, labels: {} },
    };
    expect(accepts(question, 1)).toBe(true);
    expect(accepts(question, 5)).toBe(true);
    expect(accepts(question, 0)).toBe(false);
    expect(accepts(question, 6)).toBe(false);
    expect(accepts(question, 3.5)).toBe(false);
  });

  it('nps: accepts 0 to 10', () => {
    const question: Question = { id: 'nps', type: 'nps', label, required: true };
    expect(accepts(question, 0)).toBe(true);
    expect(accepts(question, 10)).toBe(true);
    expect(accepts(question, 11)).toBe(false);
    expect(accepts(question, -1)).toBe(false);
  });

  it('boolean: accepts true and false, not the strings', () => {
    const question: Question = { id: 'yes', type: 'boolean', label, required: true };
    expect(accepts(question, true)).toBe(true);
    expect(accepts(question, false)).toBe(true);
    expect(accepts(question, 'true')).toBe(false);
  });

  it('consent: must be true', () => {
    const question: Question = { id: 'ok', type: 'consent', label, required: true };
    expect(accepts(question, true)).toBe(true);
    expect(issuesOf(question, false)[0]?.message).toBe(
      'Frågan: du behöver bekräfta för att kunna skicka in.',
    );
  });

  it('matrix: needs every row when required, each in the scale, and no unknown rows', () => {
    const question: Question = {
      id: 'grid',
      type: 'matrix',
      label,
      required: true,
      rows: [
        { id: 'r1', label: { sv: 'Rad 1', en: 'Row 1' } },
        { id: 'r2', label: { sv: 'Rad 2', en: 'Row 2' } },
      ],
      scale: { min: 1, max: 5, labels: {} },
    };
    expect(accepts(question, { r1: 1, r2: 5 })).toBe(true);
    expect(issuesOf(question, { r1: 1 })).toEqual([
      { path: ['answers', 'grid', 'r2'], message: 'Frågan: Rad 2: svara på frågan.' },
    ]);
    expect(issuesOf(question, { r1: 1, r2: 2, r3: 3 })[0]?.path).toEqual(['answers', 'grid', 'r3']);
    expect(accepts(question, { r1: 0, r2: 2 })).toBe(false);
  });

  it('group: checks minItems/maxItems and names the item and field of an error', () => {
    const question: Question = {
      id: 'courses',
      type: 'group',
      label,
      required: true,
      minItems: 1,
      maxItems: 2,
      itemLabel: { sv: 'Kurs', en: 'Course' },
      fields: [
        {
          id: 'weeks',
          type: 'integer',
          label: { sv: 'Veckor', en: 'Weeks' },
          required: true,
          min: 1,
          max: 10,
        },
      ],
    };
    expect(accepts(question, [{ weeks: 3 }])).toBe(true);
    expect(accepts(question, [])).toBe(false);
    expect(accepts(question, [{ weeks: 1 }, { weeks: 2 }, { weeks: 3 }])).toBe(false);
    expect(issuesOf(question, [{ weeks: 1 }, { weeks: 11 }])).toEqual([
      { path: ['answers', 'courses', 1, 'weeks'], message: 'Kurs 2: Veckor: ange ett värde från 1 till 10.' },
    ]);
  });

  it('reports one issue per unknown question id', () => {
    const question: Question = { id: 'known', type: 'boolean', label, required: false };
    const result = validateAnswers(surveyOf(question), { known: true, extra1: 1, extra2: 2 }, 'en');
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.issues.map((issue) => issue.path)).toEqual([
        ['answers', 'extra1'],
        ['answers', 'extra2'],
      ]);
      expect(result.issues[0]?.message).toBe('extra1: this question is not part of the survey.');
    }
  });

  it('asks for a missing required answer in the respondent language', () => {
    const question: Question = { id: 'q', type: 'text', label, required: true, maxLength: 10 };
    expect(validateAnswers(surveyOf(question), {}, 'en')).toEqual({
      ok: false,
      issues: [{ path: ['answers', 'q'], message: 'The question: please answer this question.' }],
    });
  });
});
