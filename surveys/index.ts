import type { Survey } from '../shared/core/definition.ts';
import { centreApplication } from './centre-application.ts';
import { companyValue } from './company-value.ts';
import { steeringGroup } from './steering-group.ts';

export const surveys: readonly Survey[] = [centreApplication, companyValue, steeringGroup];

export function getSurvey(id: string): Survey | undefined {
  return surveys.find((survey) => survey.id === id);
}
