/**
 * The question-type registries of the core: for every type of `definition.ts`, its model (form
 * decoding, normalisation, counters, statistics, export columns) and, apart, its answer schema
 * (one module per type, in this folder). Typed over every `QuestionType`, so a type missing a part
 * does not compile. The schemas are a registry of their own so that a bundle that does not
 * validate answers (the form, the mailer, the digest) leaves zod out.
 */
import type { Question, QuestionType } from '../definition.ts';
import { fieldModels, fieldSchemas } from './fields.ts';
import { group, groupSchema } from './group.ts';
import type { QuestionModel, QuestionSchema } from './kit.ts';

export type QuestionOf<T extends QuestionType> = Extract<Question, { type: T }>;

export const questionModels: { [T in QuestionType]: QuestionModel<QuestionOf<T>> } = {
  ...fieldModels,
  group,
};

// Marked pure so a bundle that never validates drops it, and zod with it: esbuild keeps an object
// spread at the top level, since a spread could run a getter.
export const questionSchemas: { [T in QuestionType]: QuestionSchema<QuestionOf<T>> } =
  /* @__PURE__ */ Object.assign({ group: groupSchema }, fieldSchemas);

/** The model of a question, typed for that question. */
export function modelOf<Q extends Question>(question: Q): QuestionModel<Q> {
  return questionModels[question.type] as unknown as QuestionModel<Q>;
}

/** The zod schema of one answer to a question (required-ness is added by the caller). */
export function schemaOf<Q extends Question>(question: Q): ReturnType<QuestionSchema<Q>> {
  return (questionSchemas[question.type] as unknown as QuestionSchema<Q>)(question);
}
