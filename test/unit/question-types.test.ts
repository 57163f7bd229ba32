import { describe, expect, it } from 'vitest';
import type { QuestionType } from '../../shared/core/definition.ts';
import { questionsOf } from '../../shared/core/definition.ts';
import { questionModels, questionSchemas } from '../../shared/core/questions/index.ts';
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
