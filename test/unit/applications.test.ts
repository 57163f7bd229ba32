import { describe, expect, it } from 'vitest';
import {
  allowedDecisions,
  daysInStatus,
  decisions,
  isFinal,
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
