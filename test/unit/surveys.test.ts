import { describe, expect, it } from 'vitest';
import {
  findQuestion,
  questionsOf,
  type Question,
  type Survey,
  type Text,
} from '../../shared/core/definition.ts';
import { validateAnswers } from '../../shared/core/validation.ts';
import { surveys } from '../../surveys/index.ts';
import { centreApplication } from '../../surveys/centre-application.ts';
import { centreFollowup, coveredQuestionId } from '../../surveys/centre-followup.ts';
import { getSurvey } from '../../surveys/index.ts';
import { publicDefinition } from '../../shared/core/definition.ts';
import { companyValue } from '../../surveys/company-value.ts';
import { criteria, criterionQuestionId } from '../../surveys/criteria.ts';
import { fulfilmentScale } from '../../surveys/scales.ts';
import * as examples from '../fixtures/answers.ts';

/** Every Swedish text a survey shows: titles, descriptions, labels, help, options, scale labels. */
function swedishTexts(survey: Survey): string[] {
  const texts: (Text | undefined)[] = [survey.title, survey.description];
  const ofQuestion = (question: Question) => {
    texts.push(question.label, question.help);
    if (question.type === 'singleChoice' || question.type === 'multiChoice')
      texts.push(...question.options.map((option) => option.label));
    if (question.type === 'matrix' || question.type === 'likert')
      texts.push(...Object.values(question.scale.labels));
    if (question.type === 'matrix') texts.push(...question.rows.map((row) => row.label));
    if (question.type === 'group') question.fields.forEach(ofQuestion);
  };
  for (const section of survey.sections) {
    texts.push(section.title, section.description);
    section.questions.forEach(ofQuestion);
  }
  return texts.flatMap((text) => (text ? [text.sv] : []));
}

const apply = (courses: Record<string, unknown>[]) =>
  validateAnswers(centreApplication, examples.centreApplication({ courses }), 'sv');
const course = (fields: Record<string, unknown>) => ({
  name: 'Kurs',
  form: 'kort-kurs',
  length: 1,
  lengthUnit: 'dagar',
  participantsPerYear: 10,
  partnerCompanies: 2,
  ...fields,
});

describe('the application form', () => {
  it('takes a one-day course and a course of a few hours', () => {
    expect(apply([course({ length: 1, lengthUnit: 'dagar' })]).ok).toBe(true);
    expect(apply([course({ length: 6, lengthUnit: 'timmar' })]).ok).toBe(true);
  });

  it('takes gymnasieskola, vuxenutbildning, yrkeshögskola, uppdragsutbildning and shorter courses', () => {
    const forms = findQuestion(centreApplication, 'courses');
    const form = forms?.type === 'group' ? forms.fields.find((field) => field.id === 'form') : undefined;
    const values = form?.type === 'singleChoice' ? form.options.map((option) => option.value) : [];
    expect(values).toEqual(['gymnasieskola', 'yrkesvux', 'yh', 'uppdragsutbildning', 'kort-kurs', 'annan']);
    expect(apply(values.map((value) => course({ form: value }))).ok).toBe(true);
  });

  it('asks for the unit of a length and refuses one it does not know', () => {
    const { lengthUnit: _unit, ...withoutUnit } = course({});
    expect(apply([withoutUnit]).ok).toBe(false);
    expect(apply([course({ lengthUnit: 'månader' })]).ok).toBe(false);
  });

  it('speaks of utbildningar, not only kurser', () => {
    const texts = swedishTexts(centreApplication).join('\n');
    expect(centreApplication.description?.sv).toMatch(/alla sina utbildningar/);
    expect(texts).toContain('Centrumets utbildningar');
    expect(texts).not.toMatch(/Centrumets kurser|Kursens namn/);
  });
});

describe('centre-followup', () => {
  const follow = (overrides: Record<string, unknown>) =>
    validateAnswers(centreFollowup, examples.centreFollowup(overrides), 'sv');

  it('is a registered invite-only survey, short enough for a busy person', () => {
    expect(getSurvey('centre-followup')).toBe(centreFollowup);
    expect(centreFollowup.access).toBe('invite');
    expect(centreFollowup.minutes).toBeLessThanOrEqual(15);
    expect(publicDefinition(centreFollowup)).toMatchObject({ id: 'centre-followup', access: 'invite' });
  });

  it('rates whole-centre value on the same scale as the steering group', () => {
    const ours = findQuestion(centreFollowup, 'wholeCentreValue');
    const theirs = findQuestion(
      surveys.find((survey) => survey.id === 'steering-group')!,
      'wholeCentreValue',
    );
    expect(ours?.type).toBe('likert');
    expect(ours?.type === 'likert' && ours.scale).toEqual(theirs?.type === 'likert' && theirs.scale);
  });

  it('takes an answer with only the required questions, every comment left out', () => {
    const required = Object.fromEntries(
      Object.entries(examples.centreFollowup()).filter(([id]) => findQuestion(centreFollowup, id)?.required),
    );
    expect(validateAnswers(centreFollowup, required, 'sv').ok).toBe(true);
    expect(Object.keys(required)).not.toContain('criterionCommentRegionalCollaboration');
  });

  it('asks one optional comment per criterion', () => {
    for (const criterion of criteria) {
      const id = criterionQuestionId('criterionComment', criterion.id);
      expect(findQuestion(centreFollowup, id), id).toMatchObject({ type: 'longText', required: false });
    }
  });

  it('counts utbildningar by length and by form, refusing negative or absurd counts', () => {
    const ids = questionsOf(centreFollowup)
      .map((question) => question.id)
      .filter((id) => id.startsWith('covered'));
    expect(ids).toEqual([
      'coveredUnderOneWeek',
      'coveredOneTo39Weeks',
      'covered40WeeksOrMore',
      'coveredGymnasieskola',
      'coveredYrkesvux',
      'coveredYh',
      'coveredUppdragsutbildning',
      'coveredKortKurs',
    ]);
    expect(follow({ [coveredQuestionId('yh')]: -1 }).ok).toBe(false);
    expect(follow({ [coveredQuestionId('yh')]: 501 }).ok).toBe(false);
    expect(follow({ [coveredQuestionId('yh')]: 2.5 }).ok).toBe(false);
  });

  it('takes hours as whole numbers within a sensible range', () => {
    expect(follow({ qualityAssuranceHours: 0, applicationHours: 2000 }).ok).toBe(true);
    expect(follow({ qualityAssuranceHours: 5001 }).ok).toBe(false);
    expect(follow({ applicationHours: -5 }).ok).toBe(false);
  });
});

describe('the criteria questions', () => {
  it('ask every survey that rates the criteria on the same rows and the same 1–5 scale', () => {
    const matrices = surveys.flatMap((survey) =>
      questionsOf(survey).filter(
        (question) => question.type === 'matrix' && question.rows[0]?.id === criteria[0]!.id,
      ),
    );
    expect(matrices.map((question) => question.id)).toEqual([
      'criteriaRating',
      'criteriaUpheld',
      'criteriaSelfAssessment',
    ]);
    for (const question of matrices) {
      if (question.type !== 'matrix') continue;
      expect(question.rows.map((row) => row.id)).toEqual(criteria.map((criterion) => criterion.id));
      expect(question.scale).toEqual(fulfilmentScale);
    }
  });
});

describe('Swedish wording', () => {
  it.each(surveys.map((survey) => [survey.id, survey] as const))(
    '%s says säkerställer, addresses the reader as ni and calls the receipt a bekräftelse',
    (_id, survey) => {
      for (const text of swedishTexts(survey)) {
        expect(text).not.toMatch(/\bsäkrar\b/i);
        expect(text).not.toMatch(/\b(du|dig|din|ditt|dina)\b/i);
        expect(text).not.toMatch(/kvitto/i);
      }
    },
  );

  it('lists gröna näringar and grafisk industri among the industries', () => {
    const industry = findQuestion(companyValue, 'industry');
    const labels = industry?.type === 'singleChoice' ? industry.options.map((option) => option.label.sv) : [];
    expect(labels).toEqual(
      expect.arrayContaining(['Grafisk industri', expect.stringMatching(/^Gröna näringar/)]),
    );
  });
});
