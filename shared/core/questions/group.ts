/**
 * `group`: a repeatable set of fields (e.g. courses), an array of objects keyed by field id. Each
 * field is checked and normalised by its own type; the group counts only how many answered and
 * exports as JSON.
 */
import * as z from 'zod';
import type { GroupQuestion } from '../definition.ts';
import { fieldModel, fieldSchema } from './fields.ts';
import {
  fail,
  isPlainObject,
  plain,
  reasonError,
  strictObject,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

const MAX_GROUP_INDEX = 999;

export const group: QuestionModel<GroupQuestion> = {
  ...plain,
  parts: (question) => question.fields,
  repeats: (question) => ({ min: question.minItems, max: question.maxItems }),
  decode: (_question, entries) => {
    const items = new Map<number, Record<string, unknown>>();
    for (const [name, value] of entries) {
      const [, index, field] = name.split('.');
      const position = Number(index);
      if (!field || !/^\d{1,3}$/.test(index ?? '') || position > MAX_GROUP_INDEX) continue;
      const item = items.get(position) ?? {};
      item[field] = value;
      items.set(position, item);
    }
    return [...items.entries()].sort(([a], [b]) => a - b).map(([, item]) => item);
  },
  normalise: (question, value, encoding) => {
    if (!Array.isArray(value)) return value;
    const items = value.map((item) => {
      if (!isPlainObject(item)) return item;
      const fields: Record<string, unknown> = {};
      for (const [id, fieldValue] of Object.entries(item)) {
        const field = question.fields.find((candidate) => candidate.id === id);
        const normalised = field ? fieldModel(field).normalise(field, fieldValue, encoding) : fieldValue;
        if (normalised !== undefined) fields[id] = normalised;
      }
      return fields;
    });
    // A row of the form left wholly empty is not an item (the form always shows spare rows).
    const kept = items.filter((item) => !isPlainObject(item) || Object.keys(item).length > 0);
    return kept.length === 0 ? undefined : kept;
  },
  cells: (question, value) => ({ [question.id]: Array.isArray(value) ? value : null }),
  fromCells: (question, cell) => {
    const value = cell(question.id);
    if (!value?.trim()) return undefined;
    try {
      return { value: JSON.parse(value) as unknown };
    } catch {
      return { problem: `${question.id} must be the JSON list skc export writes` };
    }
  },
  labelAt: (question, [index, fieldId], lang) => {
    if (typeof index !== 'number') return question.label[lang];
    const field = question.fields.find((candidate) => candidate.id === fieldId);
    const item = `${question.itemLabel[lang]} ${index + 1}`;
    return field ? `${item}: ${field.label[lang]}` : item;
  },
};

export const groupSchema: QuestionSchema<GroupQuestion> = (question) => {
  const item = strictObject(
    Object.fromEntries(
      question.fields.map((field) => {
        const schema = fieldSchema(field);
        return [field.id, field.required ? schema : schema.optional()];
      }),
    ),
  );
  return z
    .array(item, { error: reasonError({ reason: 'type', expected: 'list' }) })
    .superRefine((items, ctx) => {
      if (items.length < question.minItems || items.length > question.maxItems)
        fail(ctx, { reason: 'count', min: question.minItems, max: question.maxItems });
    });
};
