import type { Survey } from '../shared/core/definition.ts';
import { criteriaRatingQuestion } from './criteria.ts';
import { pilotClosesAt, pilotOpensAt } from './pilot.ts';
import { valueScale } from './scales.ts';

export const steeringGroup: Survey = {
  id: 'steering-group',
  version: 1,
  title: {
    sv: 'Styrgruppens bild av piloten',
    en: "The steering group's view of the pilot",
  },
  description: {
    sv: 'Piloten prövar att certifiera ett strategiskt kompetenscentrum som helhet, för alla dess utbildningar. Era svar visar vad det ger och hur mycket arbete det kräver.',
    en: 'The pilot trials certifying a strategic competence centre as a whole, for all its programmes and courses. Your answers show what this gives and how much work it takes.',
  },
  access: 'invite',
  opensAt: pilotOpensAt,
  closesAt: pilotClosesAt,
  minutes: 8,
  sections: [
    {
      id: 'valueAndEffort',
      title: { sv: 'Värde och arbetsinsats', en: 'Value and effort' },
      questions: [
        {
          id: 'wholeCentreValue',
          type: 'likert',
          label: {
            sv: 'Hur stort värde har det att certifiera ett helt kompetenscentrum i stället för enskilda utbildningar?',
            en: 'How much value is there in certifying a whole competence centre instead of single programmes?',
          },
          required: true,
          scale: valueScale,
        },
        {
          id: 'followUpEffort',
          type: 'likert',
          label: {
            sv: 'Hur stor arbetsinsats kräver det att följa upp kriterierna vid centrumet?',
            en: 'How much effort does it take to follow up the criteria at the centre?',
          },
          required: true,
          scale: {
            min: 1,
            max: 5,
            labels: {
              '1': { sv: 'Mycket liten arbetsinsats', en: 'Very little effort' },
              '2': { sv: 'Liten arbetsinsats', en: 'Little effort' },
              '3': { sv: 'Måttlig arbetsinsats', en: 'Moderate effort' },
              '4': { sv: 'Stor arbetsinsats', en: 'Much effort' },
              '5': { sv: 'Mycket stor arbetsinsats', en: 'Very much effort' },
            },
          },
        },
        {
          id: 'qualityConfidence',
          type: 'likert',
          label: {
            sv: 'Hur säkra är ni på att kvaliteten håller i alla centrumets utbildningar, även de korta?',
            en: "How confident are you that quality holds in all the centre's programmes and courses, the short ones too?",
          },
          required: true,
          scale: {
            min: 1,
            max: 5,
            labels: {
              '1': { sv: 'Inte alls säkra', en: 'Not at all confident' },
              '2': { sv: 'Ganska osäkra', en: 'Not very confident' },
              '3': { sv: 'Delvis säkra', en: 'Somewhat confident' },
              '4': { sv: 'Ganska säkra', en: 'Fairly confident' },
              '5': { sv: 'Helt säkra', en: 'Fully confident' },
            },
          },
        },
      ],
    },
    {
      id: 'criteria',
      title: { sv: 'Teknikcolleges åtta kriterier', en: "Teknikcollege's eight criteria" },
      questions: [
        criteriaRatingQuestion('criteriaUpheld', {
          sv: 'Hur väl uppfyller centrumet kriterierna?',
          en: 'How well does the centre meet the criteria?',
        }),
      ],
    },
    {
      id: 'overall',
      title: { sv: 'Sammanfattning', en: 'Summing up' },
      questions: [
        {
          id: 'recommend',
          type: 'nps',
          label: {
            sv: 'Hur troligt är det att ni skulle rekommendera en annan styrgrupp att certifiera ett kompetenscentrum som helhet?',
            en: 'How likely are you to recommend another steering group to certify a competence centre as a whole?',
          },
          help: {
            sv: '0 = inte alls troligt, 10 = mycket troligt.',
            en: '0 = not at all likely, 10 = extremely likely.',
          },
          required: true,
        },
        {
          id: 'comments',
          type: 'longText',
          label: { sv: 'Vad fungerar, och vad borde ändras?', en: 'What works, and what should change?' },
          required: false,
          maxLength: 2000,
        },
      ],
    },
  ],
};
