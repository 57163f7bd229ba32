import { describe, expect, it } from 'vitest';
import type { QuestionType } from '../../shared/core/definition.ts';
import { findQuestion, questionsOf } from '../../shared/core/definition.ts';
import { modelOf, questionModels, questionSchemas } from '../../shared/core/questions/index.ts';
import { getSurvey } from '../../surveys/index.ts';
import { questionViews } from '../../shared/views/questions/index.ts';
import { surveys } from '../../surveys/index.ts';

describe('Registry: question types', () => {
  it('has a core model and a view for every type the surveys use', () => {
    for (const question of surveys.flatMap(questionsOf)) {
      expect(questionModels[question.type], question.type).toBeDefined();
      expect(questionViews[question.type], question.type).toBeDefined();
    }
  });

  it('lists the same types in the core models, their answer schemas and the views', () => {
    expect(Object.keys(questionViews).sort()).toEqual(Object.keys(questionModels).sort());
    expect(Object.keys(questionSchemas).sort()).toEqual(Object.keys(questionModels).sort());
  });

  it('does not compile without every type (checked by tsc)', () => {
    const { nps: _nps, ...withoutNps } = questionModels;
    // @ts-expect-error a registry missing a type is a type error, not a runtime surprise
    const incomplete: typeof questionModels = withoutNps;
    expect(Object.keys(incomplete)).not.toContain('nps');
    const all: Record<QuestionType, unknown> = questionViews;
    expect(Object.keys(all)).toContain('group');
  });
});

describe('Registry: reading an answer back from its export cells (skc import)', () => {
  const cells = (values: Record<string, string>) => (key: string) => values[key];
  const application = getSurvey('centre-application')!;
  const companyValue = getSurvey('company-value')!;

  it('reads a group from the JSON list the export writes, and names the question when it is not one', () => {
    const courses = findQuestion(application, 'courses')!;
    expect(modelOf(courses).fromCells(courses, cells({ courses: '[{"name":"CAD"}]' }))).toEqual({
      value: [{ name: 'CAD' }],
    });
    expect(modelOf(courses).fromCells(courses, cells({ courses: '[{"name":' }))).toEqual({
      problem: 'courses must be the JSON list skc export writes',
    });
  });

  it('leaves blank cells out, whatever the type', () => {
    for (const question of [...questionsOf(application), ...questionsOf(companyValue)])
      expect(
        modelOf(question).fromCells(question, () => '  '),
        question.id,
      ).toBeUndefined();
  });
});
