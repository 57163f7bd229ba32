import type { NumericQuestion, Option, Survey } from '../shared/core/definition.ts';
import { criteriaRatingQuestion, criterionCommentQuestions, criterionQuestionId } from './criteria.ts';
import { educationForms, lengthBands } from './education.ts';
import { pilotClosesAt, pilotOpensAt } from './pilot.ts';
import { valueScale } from './scales.ts';

/** `one-to-39-weeks` → `coveredOneTo39Weeks`: one count question per length band and per form of education. */
export function coveredQuestionId(value: string): string {
  return criterionQuestionId('covered', value);
}

// A centre has tens of utbildningar at most; 500 leaves room without letting a typo through unseen.
const countQuestions = (options: readonly Option[]): NumericQuestion[] =>
  options.map((option) => ({
    id: coveredQuestionId(option.value),
    type: 'integer',
    label: option.label,
    required: true,
    min: 0,
    max: 500,
    unit: { sv: 'utbildningar', en: 'programmes or courses' },
  }));

/**
 * The centre's own follow-up, sent to its contact each wave: what whole-centre certification is
 * worth to the centre, what it costs in hours, how the centre judges itself against the eight
 * criteria (same scale and rows as the application and the steering group), and its reach.
 */
export const centreFollowup: Survey = {
  id: 'centre-followup',
  version: 1,
  title: {
    sv: 'Uppföljning för kompetenscentrum',
    en: 'Follow-up for competence centres',
  },
  description: {
    sv: 'Ert centrum är certifierat som helhet i Teknikcolleges pilot. Era svar visar vad certifieringen ger er, hur mycket arbete den kräver och hur många utbildningar den omfattar.',
    en: "Your centre is certified as a whole in Teknikcollege's pilot. Your answers show what the certification gives you, how much work it takes and how many programmes and courses it covers.",
  },
  access: 'invite',
  opensAt: pilotOpensAt,
  closesAt: pilotClosesAt,
  minutes: 12,
  sections: [
    {
      id: 'value',
      title: { sv: 'Värdet för centrumet', en: 'The value to the centre' },
      questions: [
        {
          id: 'wholeCentreValue',
          type: 'likert',
          label: {
            sv: 'Hur stort värde har det för er att certifieras som helt centrum i stället för utbildning för utbildning?',
            en: 'How much value is it to you to be certified as a whole centre instead of programme by programme?',
          },
          required: true,
          scale: valueScale,
        },
        {
          id: 'wholeCentreValueComment',
          type: 'longText',
          label: {
            sv: 'Vill ni berätta mer? (frivilligt)',
            en: 'Would you like to tell us more? (optional)',
          },
          required: false,
          maxLength: 1500,
        },
      ],
    },
    {
      id: 'effort',
      title: { sv: 'Arbetsinsats', en: 'Effort' },
      description: {
        sv: 'En uppskattning räcker. Räkna alla som har arbetat med det, i hela timmar.',
        en: 'An estimate is enough. Count everyone who worked on it, in whole hours.',
      },
      questions: [
        {
          id: 'qualityAssuranceHours',
          type: 'integer',
          label: {
            sv: 'Hur många timmar har ni lagt på kvalitetssäkring sedan förra uppföljningen?',
            en: 'How many hours have you spent on quality assurance since the last follow-up?',
          },
          help: {
            sv: 'Är det här första uppföljningen: räkna från certifieringen.',
            en: 'If this is the first follow-up, count from the certification.',
          },
          required: true,
          min: 0,
          max: 5000,
          unit: { sv: 'timmar', en: 'hours' },
        },
        {
          id: 'applicationHours',
          type: 'integer',
          label: {
            sv: 'Hur många timmar lade ni på ansökan om certifiering?',
            en: 'How many hours did you spend on the application for certification?',
          },
          help: {
            sv: 'Har ni svarat på det i en tidigare uppföljning kan ni lämna fältet tomt.',
            en: 'If you answered this in an earlier follow-up, you can leave it empty.',
          },
          required: false,
          min: 0,
          max: 2000,
          unit: { sv: 'timmar', en: 'hours' },
        },
      ],
    },
    {
      id: 'criteria',
      title: { sv: 'Teknikcolleges åtta kriterier', en: "Teknikcollege's eight criteria" },
      questions: [
        criteriaRatingQuestion('criteriaSelfAssessment', {
          sv: 'Hur väl uppfyller ert centrum kriterierna i dag?',
          en: 'How well does your centre meet the criteria today?',
        }),
        ...criterionCommentQuestions('criterionComment'),
      ],
    },
    {
      id: 'reach',
      title: { sv: 'Utbildningar som certifieringen omfattar', en: 'Programmes and courses covered' },
      description: {
        sv: 'Räkna de utbildningar som certifieringen omfattar nu, först efter längd och sedan efter form. Skriv 0 där ni inte har några.',
        en: 'Count the programmes and courses the certification covers now, first by length and then by form. Write 0 where you have none.',
      },
      questions: [...countQuestions(lengthBands), ...countQuestions(educationForms)],
    },
    {
      id: 'inYourWords',
      title: { sv: 'Med egna ord', en: 'In your own words' },
      questions: [
        {
          id: 'companyChanges',
          type: 'longText',
          label: {
            sv: 'Vad har förändrats för samverkansföretagen sedan certifieringen?',
            en: 'What has changed for the partner companies since the certification?',
          },
          required: false,
          maxLength: 2000,
        },
        {
          id: 'obstacles',
          type: 'longText',
          label: {
            sv: 'Vad har gjort arbetet svårare än det behöver vara?',
            en: 'What has made the work harder than it needs to be?',
          },
          required: false,
          maxLength: 2000,
        },
      ],
    },
  ],
};
