/** `orgNumber`: a Swedish organisationsnummer `NNNNNN-NNNN`, Luhn-checked. */
import type { OrgNumberQuestion } from '../definition.ts';
import { fail, isValidOrgNumber, ORG_NUMBER, plain, text, type QuestionModel } from './kit.ts';

export const orgNumber: QuestionModel<OrgNumberQuestion> = {
  ...plain,
  schema: () =>
    text(11).superRefine((value, ctx) => {
      if (!ORG_NUMBER.test(value)) fail(ctx, { reason: 'orgNumberFormat' });
      else if (!isValidOrgNumber(value)) fail(ctx, { reason: 'orgNumberChecksum' });
    }),
};
