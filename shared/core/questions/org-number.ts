/** `orgNumber`: a Swedish organisationsnummer `NNNNNN-NNNN`, Luhn-checked. */
import type { OrgNumberQuestion } from '../definition.ts';
import {
  fail,
  isValidOrgNumber,
  ORG_NUMBER,
  plain,
  text,
  type QuestionModel,
  type QuestionSchema,
} from './kit.ts';

export const orgNumber: QuestionModel<OrgNumberQuestion> = {
  ...plain,
  identifiesOrganisation: true,
};

export const orgNumberSchema: QuestionSchema<OrgNumberQuestion> = () =>
  text(11).superRefine((value, ctx) => {
    if (!ORG_NUMBER.test(value)) fail(ctx, { reason: 'orgNumberFormat' });
    else if (!isValidOrgNumber(value)) fail(ctx, { reason: 'orgNumberChecksum' });
  });
