import { describe, expect, it } from 'vitest';
import {
  allowedDecisions,
  daysInStatus,
  decisions,
  isFinal,
  parseHours,
  parseJudgement,
  resubmissionsOf,
  statuses,
  transitionProblem,
} from '../../shared/core/applications.ts';

describe('application statuses', () => {
  it('allows exactly the transitions of the review workflow', () => {
    const allowed = Object.fromEntries(statuses.map((from) => [from, [...allowedDecisions(from)].sort()]));
    expect(allowed).toEqual({
      submitted: ['approved', 'changes-requested', 'in-review', 'rejected'],
      'in-review': ['approved', 'changes-requested', 'rejected'],
      'changes-requested': ['approved', 'in-review', 'rejected'],
      approved: [],
      rejected: [],
    });
  });

  it('treats approved and rejected as final and nothing else', () => {
    expect(statuses.filter(isFinal)).toEqual(['approved', 'rejected']);
  });

  it('refuses every move out of a final status, saying in Swedish and English that it is final', () => {
    for (const from of ['approved', 'rejected'] as const)
      for (const to of decisions) {
        const problem = transitionProblem(from, to);
        expect(problem?.sv).toContain('slutligt');
        expect(problem?.en).toContain('final');
      }
  });

  it('refuses staying in the same status with a message that names it', () => {
    expect(transitionProblem('in-review', 'in-review')).toEqual({
      sv: 'Ansökan har redan statusen under granskning.',
      en: 'The application already has the status in review.',
    });
  });

  it('accepts an allowed transition without a message', () => {
    expect(transitionProblem('submitted', 'in-review')).toBeUndefined();
    expect(transitionProblem('changes-requested', 'approved')).toBeUndefined();
  });
});

describe('daysInStatus', () => {
  it('counts whole days since the status changed', () => {
    const since = { statusSince: '2026-11-20T10:00:00.000Z' };
    expect(daysInStatus(since, new Date('2026-11-20T23:00:00.000Z'))).toBe(0);
    expect(daysInStatus(since, new Date('2026-11-23T10:00:00.000Z'))).toBe(3);
  });
});

describe('resubmissionsOf', () => {
  const base = { status: 'submitted' as const };
  it('links a later application of the same organisation to the one whose changes were requested', () => {
    const links = resubmissionsOf([
      {
        ...base,
        responseId: 'A',
        submittedAt: '2026-11-03T00:00:00Z',
        organisation: '212000-0761',
        changesRequestedAt: '2026-11-05T00:00:00Z',
      },
      { ...base, responseId: 'B', submittedAt: '2026-11-10T00:00:00Z', organisation: '212000-0761' },
      { ...base, responseId: 'C', submittedAt: '2026-11-11T00:00:00Z', organisation: '556677-8899' },
    ]);
    expect([...links]).toEqual([['B', 'A']]);
  });

  it('does not link an application submitted before changes were requested', () => {
    const links = resubmissionsOf([
      {
        ...base,
        responseId: 'A',
        submittedAt: '2026-11-03T00:00:00Z',
        organisation: '212000-0761',
        changesRequestedAt: '2026-11-20T00:00:00Z',
      },
      { ...base, responseId: 'B', submittedAt: '2026-11-10T00:00:00Z', organisation: '212000-0761' },
    ]);
    expect(links.size).toBe(0);
  });
});

describe('parseJudgement', () => {
  it('reads the committee’s rating per criterion on the 1–5 scale', () => {
    expect(parseJudgement('regional-collaboration=4, employer-involvement=5')).toEqual({
      ok: true,
      value: { 'regional-collaboration': 4, 'employer-involvement': 5 },
    });
  });

  it('refuses unknown criteria (naming the known ones), values off the scale, repeats and other text', () => {
    const parsed = parseJudgement(
      'regional-collaboration=6,nonsense=3,employer-involvement=4.5,employer-involvement=2,x',
    );
    expect(parsed.ok).toBe(false);
    const message = parsed.ok ? '' : parsed.message;
    expect(message).toContain('regional-collaboration=6 is not a whole number from 1 to 5');
    expect(message).toContain('unknown criterion "nonsense"');
    expect(message).toContain('employer-involvement=4.5 is not a whole number from 1 to 5');
    expect(message).toContain('"x" is not id=value');
    expect(message).toContain('the criteria are quality-assured-process, regional-collaboration,');
    expect(message).not.toContain('\n');
    expect(parseJudgement('regional-collaboration=3,regional-collaboration=4')).toEqual({
      ok: false,
      message: 'regional-collaboration is given twice',
    });
    expect(parseJudgement(' , ')).toMatchObject({ ok: false });
  });
});

describe('parseHours', () => {
  it('reads a positive number of hours, with a decimal point or comma', () => {
    expect(parseHours('12')).toEqual({ ok: true, value: 12 });
    expect(parseHours('2,5')).toEqual({ ok: true, value: 2.5 });
  });

  it('refuses zero, negatives, words and absurd amounts', () => {
    for (const text of ['0', '-3', 'tolv', '1e3', '99999']) expect(parseHours(text).ok).toBe(false);
  });
});
