/**
 * Where the pilot's four questions are answered in the surveys. Value figures are derived from
 * the definitions (every Likert and NPS question of a respondent group's survey), so a new value
 * question is a change to a survey file only; the ids below name the few questions with a fixed
 * role in the report (reach, burden, the criteria judged three ways).
 */
import type { Text } from '../definition.ts';

export const respondentGroups = [
  { id: 'companies', surveyId: 'company-value', label: { sv: 'Företag', en: 'Companies' } },
  { id: 'steeringGroup', surveyId: 'steering-group', label: { sv: 'Styrgrupp', en: 'Steering group' } },
  { id: 'centre', surveyId: 'centre-followup', label: { sv: 'Centrum', en: 'Centre' } },
] as const satisfies readonly { id: string; surveyId: string; label: Text }[];

export type RespondentGroup = (typeof respondentGroups)[number]['id'];

/** The centre's own follow-up (`surveys/centre-followup.ts`). */
export const followup = {
  surveyId: 'centre-followup',
  /** Utbildningar the certification covers now, by length; the first two the 40-week rule excluded. */
  reach: {
    underOneWeek: 'coveredUnderOneWeek',
    oneTo39Weeks: 'coveredOneTo39Weeks',
    fortyWeeksOrMore: 'covered40WeeksOrMore',
  },
  qualityAssuranceHours: 'qualityAssuranceHours',
  applicationHours: 'applicationHours',
  selfAssessment: 'criteriaSelfAssessment',
} as const;

/** The steering group's judgement of the criteria (`surveys/steering-group.ts`). */
export const steeringCriteria = { surveyId: 'steering-group', questionId: 'criteriaUpheld' } as const;
