import type { Survey } from '../shared/core/definition.ts';
import { centreApplication } from './centre-application.ts';
import { centreFollowup } from './centre-followup.ts';
import { companyValue } from './company-value.ts';
import { steeringGroup } from './steering-group.ts';

export const surveys: readonly Survey[] = [centreApplication, companyValue, steeringGroup, centreFollowup];

export function getSurvey(id: string): Survey | undefined {
  return surveys.find((survey) => survey.id === id);
}
