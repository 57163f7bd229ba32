import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  decodeFormAnswers,
  editItems,
  normaliseAnswers,
  submissionHash,
} from '../../shared/core/answers.ts';
import { parseBody, MAX_BODY_BYTES, MAX_FORM_FIELDS } from '../../shared/core/body.ts';
import type { Problem } from '../../shared/core/problem.ts';
import { getSurvey } from '../../surveys/index.ts';
import { companyValue } from '../fixtures/answers.ts';

const survey = getSurvey('company-value')!;
const application = getSurvey('centre-application')!;

/** The urlencoded fields a browser sends for the given answers. */
function formFieldsOf(answers: Record<string, unknown>): [string, string][] {
  const fields: [string, string][] = [];
  for (const [id, value] of Object.entries(answers)) {
    if (Array.isArray(value)) {
      value.forEach((entry, index) => {
        if (entry && typeof entry === 'object') {
          for (const [field, inner] of Object.entries(entry))
            fields.push([`${id}.${index}.${field}`, String(inner)]);
        } else fields.push([id, String(entry)]);
      });
    } else if (value && typeof value === 'object') {
      for (const [row, inner] of Object.entries(value)) fields.push([`${id}.${row}`, String(inner)]);
    } else fields.push([id, String(value)]);
  }
  return fields;
}

describe('answers from the hosted form', () => {
  it('decodes and coerces the form encoding into the same answers and hash as JSON', () => {
    const json = normaliseAnswers(survey, companyValue(), 'json');
    const form = normaliseAnswers(survey, decodeFormAnswers(survey, formFieldsOf(companyValue())), 'form');
    expect(form).toEqual(json);
    expect(submissionHash(form, 'tok')).toBe(submissionHash(json, 'tok'));
  });

  it('normalises CRLF to LF and trims text before hashing', () => {
    const crlf = normaliseAnswers(survey, { greatestValue: '  rad 1\r\nrad 2 ' }, 'form');
    expect(crlf).toEqual({ greatestValue: 'rad 1\nrad 2' });
    expect(submissionHash(crlf, undefined)).toBe(
      submissionHash({ greatestValue: 'rad 1\nrad 2' }, undefined),
    );
  });

  it('coerces numbers from strings only on the form path', () => {
    expect(normaliseAnswers(survey, { recommend: '9' }, 'form')).toEqual({ recommend: 9 });
    expect(normaliseAnswers(survey, { recommend: '9' }, 'json')).toEqual({ recommend: '9' });
    expect(normaliseAnswers(survey, { recommend: 'nine' }, 'form')).toEqual({ recommend: 'nine' });
  });

  it('drops empty answers and wholly empty course rows', () => {
    const fields: [string, string][] = [
      ['contactPhone', '   '],
      ['courses.0.name', 'CNC'],
      ['courses.0.length', '4'],
      ['courses.1.name', ''],
      ['courses.1.length', ''],
    ];
    const answers = normaliseAnswers(application, decodeFormAnswers(application, fields), 'form');
    expect(answers).toEqual({ courses: [{ name: 'CNC', length: 4 }] });
  });

  it('keeps unknown field names so validation can report them', () => {
    expect(
      decodeFormAnswers(survey, [
        ['nosuch', 'x'],
        ['submissionId', 'y'],
      ]),
    ).toEqual({ nosuch: 'x' });
  });

  it('hashes canonically: key order does not matter, values do', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe(
      '{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}',
    );
    expect(submissionHash({ a: 1 }, undefined)).not.toBe(submissionHash({ a: 2 }, undefined));
    expect(submissionHash({ a: 1 }, 'x')).not.toBe(submissionHash({ a: 1 }, 'y'));
  });
});

const bytes = (text: string) => new TextEncoder().encode(text);

/** The problem code parseBody throws, or 'ok'. */
function codeOf(run: () => unknown): string {
  try {
    run();
    return 'ok';
  } catch (error) {
    return (error as Problem).code;
  }
}

describe('parseBody', () => {
  it('accepts JSON with a utf-8 charset and urlencoded forms', () => {
    expect(parseBody('application/json; charset=UTF-8', bytes('{"answers":{}}'))).toEqual({
      encoding: 'json',
      value: { answers: {} },
    });
    expect(parseBody('application/x-www-form-urlencoded', bytes('a=1&b=%C3%A5+%C3%A4'))).toEqual({
      encoding: 'form',
      fields: [
        ['a', '1'],
        ['b', 'å ä'],
      ],
    });
  });

  it('answers 415 for other media types and charsets', () => {
    expect(codeOf(() => parseBody('text/plain', bytes('{}')))).toBe('unsupported_media_type');
    expect(codeOf(() => parseBody(undefined, bytes('{}')))).toBe('unsupported_media_type');
    expect(codeOf(() => parseBody('application/json; charset=latin1', bytes('{}')))).toBe(
      'unsupported_media_type',
    );
  });

  it('accepts a body of exactly the limit and answers 413 one byte over', () => {
    const padding = (size: number) => `{"a":"${'x'.repeat(size - 8)}"}`;
    expect(padding(MAX_BODY_BYTES).length).toBe(MAX_BODY_BYTES);
    expect(codeOf(() => parseBody('application/json', bytes(padding(MAX_BODY_BYTES))))).toBe('ok');
    expect(codeOf(() => parseBody('application/json', bytes(padding(MAX_BODY_BYTES + 1))))).toBe('too_large');
  });

  it('rejects invalid UTF-8, non-objects, prototype keys and deep nesting as bad requests', () => {
    expect(codeOf(() => parseBody('application/json', new Uint8Array([0x7b, 0xff, 0x7d])))).toBe(
      'bad_request',
    );
    expect(codeOf(() => parseBody('application/x-www-form-urlencoded', bytes('a=%FF')))).toBe('bad_request');
    expect(codeOf(() => parseBody('application/json', bytes('[1,2]')))).toBe('bad_request');
    expect(codeOf(() => parseBody('application/json', bytes('{"answers":{"__proto__":{"x":1}}}')))).toBe(
      'bad_request',
    );
    expect(
      codeOf(() => parseBody('application/x-www-form-urlencoded', bytes('constructor.prototype=1'))),
    ).toBe('bad_request');
    expect(
      codeOf(() => parseBody('application/json', bytes(`${'{"a":'.repeat(100)}1${'}'.repeat(100)}`))),
    ).toBe('bad_request');
    expect(codeOf(() => parseBody('application/json', bytes('{"a":')))).toBe('bad_request');
  });

  it('keeps a typed replacement character in a form', () => {
    expect(codeOf(() => parseBody('application/x-www-form-urlencoded', bytes('a=%EF%BF%BD')))).toBe('ok');
  });
});

describe('parseBody: hostile forms', () => {
  it('rejects a form with more fields than any survey has (256 KiB of empty fields)', () => {
    const body = bytes('x=&'.repeat(Math.floor(MAX_BODY_BYTES / 3)));
    expect(codeOf(() => parseBody('application/x-www-form-urlencoded', body))).toBe('bad_request');
    expect(
      codeOf(() => parseBody('application/x-www-form-urlencoded', bytes('x=&'.repeat(MAX_FORM_FIELDS)))),
    ).toBe('ok');
  });

  it('rejects invalid UTF-8 in a form even when a valid replacement character comes later', () => {
    expect(codeOf(() => parseBody('application/x-www-form-urlencoded', bytes('a=%FF&z=%EF%BF%BD')))).toBe(
      'bad_request',
    );
  });

  it('decodes plus signs as spaces and keeps a value with = in it', () => {
    expect(parseBody('application/x-www-form-urlencoded', bytes('a=1+2%2B3&b=x=y&c'))).toEqual({
      encoding: 'form',
      fields: [
        ['a', '1 2+3'],
        ['b', 'x=y'],
        ['c', ''],
      ],
    });
  });
});

describe('Core: adding and removing group rows without JavaScript (editItems)', () => {
  const course = (index: number, name: string): [string, string][] => [[`courses.${index}.name`, name]];
  const submissionId = '6f1c2a3b-4d5e-4f60-8a7b-9c0d1e2f3a4b';

  it('keeps what was typed and shows one spare row more after "add"', () => {
    const edit = editItems(application, [
      ['submissionId', submissionId],
      ...course(0, 'Additiv tillverkning'),
      ...course(1, 'CAD'),
      ['_action', 'add:courses'],
    ]);
    expect(edit).toEqual({
      answers: expect.objectContaining({ courses: [{ name: 'Additiv tillverkning' }, { name: 'CAD' }] }),
      extraItems: { courses: 1 },
      submissionId,
    });
  });

  it('takes out the row asked for after "remove", never leaving fewer rows than one', () => {
    const edit = editItems(application, [
      ...course(0, 'Additiv tillverkning'),
      ...course(1, 'CAD'),
      ...course(2, 'Svetsning'),
      ['_action', 'remove:courses:1'],
    ]);
    expect(edit?.answers.courses).toEqual([{ name: 'Additiv tillverkning' }, { name: 'Svetsning' }]);
    expect(edit?.extraItems).toEqual({ courses: 0 });
    const last = editItems(application, [...course(0, 'CAD'), ['_action', 'remove:courses:0']]);
    expect(last?.answers.courses).toBeUndefined();
    expect(last?.extraItems).toEqual({ courses: 0 });
  });

  it('is no edit for a submission, an unknown action or a question that does not repeat', () => {
    expect(editItems(application, course(0, 'CAD'))).toBeUndefined();
    expect(editItems(application, [['_action', 'add:nosuch']])).toBeUndefined();
    expect(editItems(survey, [['_action', 'add:recommend']])).toBeUndefined();
    expect(editItems(application, [['_action', 'drop:courses']])).toBeUndefined();
  });
});
