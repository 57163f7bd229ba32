import type { Survey } from '../shared/core/definition.ts';
import { pilotClosesAt, pilotOpensAt } from './pilot.ts';
import { agreementScale, valueScale } from './scales.ts';

export const companyValue: Survey = {
  id: 'company-value',
  // 2: gröna näringar and grafisk industri among the industries.
  version: 2,
  title: {
    sv: 'Vad ger samverkan med kompetenscentrumet?',
    en: 'What do you gain from working with the competence centre?',
  },
  description: {
    sv: 'Ni samverkar med ett kompetenscentrum som Teknikcollege prövar att certifiera som helhet. Era svar visar om det ger värde för företagen.',
    en: 'You work with a competence centre that Teknikcollege is trialling certifying as a whole. Your answers show whether this creates value for companies.',
  },
  access: 'invite',
  opensAt: pilotOpensAt,
  closesAt: pilotClosesAt,
  minutes: 5,
  sections: [
    {
      id: 'company',
      title: { sv: 'Om företaget', en: 'About your company' },
      questions: [
        {
          id: 'companySize',
          type: 'singleChoice',
          label: {
            sv: 'Hur många anställda har företaget?',
            en: 'How many employees does the company have?',
          },
          required: true,
          options: [
            { value: '1-9', label: { sv: '1–9', en: '1–9' } },
            { value: '10-49', label: { sv: '10–49', en: '10–49' } },
            { value: '50-249', label: { sv: '50–249', en: '50–249' } },
            { value: '250-or-more', label: { sv: '250 eller fler', en: '250 or more' } },
          ],
        },
        {
          id: 'industry',
          type: 'singleChoice',
          label: { sv: 'Vilken bransch är ni främst verksamma i?', en: 'Which industry are you mainly in?' },
          required: true,
          options: [
            {
              value: 'verkstad',
              label: { sv: 'Verkstads- och metallindustri', en: 'Engineering and metalworking' },
            },
            { value: 'fordon', label: { sv: 'Fordonsindustri', en: 'Automotive' } },
            { value: 'plast-gummi', label: { sv: 'Plast- och gummiindustri', en: 'Plastics and rubber' } },
            { value: 'tra-mobler', label: { sv: 'Trä- och möbelindustri', en: 'Wood and furniture' } },
            {
              value: 'el-elektronik',
              label: { sv: 'El- och elektronikindustri', en: 'Electrical and electronics' },
            },
            {
              value: 'processindustri',
              label: {
                sv: 'Processindustri, till exempel kemi, papper eller stål',
                en: 'Process industry, for example chemicals, paper or steel',
              },
            },
            { value: 'livsmedel', label: { sv: 'Livsmedelsindustri', en: 'Food industry' } },
            {
              value: 'grafisk',
              label: { sv: 'Grafisk industri', en: 'Graphic arts and printing industry' },
            },
            {
              value: 'grona-naringar',
              label: {
                sv: 'Gröna näringar, till exempel jord- och skogsbruk',
                en: 'Land-based industries, for example agriculture and forestry',
              },
            },
            {
              value: 'teknikkonsult',
              label: {
                sv: 'Teknikkonsult eller industriell IT',
                en: 'Engineering consultancy or industrial IT',
              },
            },
            { value: 'annan', label: { sv: 'Annan bransch', en: 'Other industry' } },
          ],
        },
        {
          id: 'collaboration',
          type: 'multiChoice',
          label: { sv: 'Hur samverkar ni med centrumet?', en: 'How do you work with the centre?' },
          help: { sv: 'Välj alla som stämmer.', en: 'Choose all that apply.' },
          required: true,
          minItems: 1,
          options: [
            {
              value: 'praktik',
              label: {
                sv: 'Vi tar emot deltagare på praktik eller APL',
                en: 'We host participants on work placements',
              },
            },
            {
              value: 'gastforelasningar',
              label: { sv: 'Vi håller gästföreläsningar', en: 'We give guest lectures' },
            },
            {
              value: 'kursinnehall',
              label: { sv: 'Vi är med och utformar kursinnehåll', en: 'We help design course content' },
            },
            {
              value: 'rekrytering',
              label: {
                sv: 'Vi rekryterar deltagare från kurserna',
                en: 'We recruit participants from the courses',
              },
            },
            {
              value: 'egen-personal',
              label: { sv: 'Vi skickar egen personal på kurs', en: 'We send our own staff on courses' },
            },
            {
              value: 'styrgrupp',
              label: {
                sv: 'Vi sitter i styrgrupp eller branschråd',
                en: 'We sit on a steering group or industry council',
              },
            },
            { value: 'annat', label: { sv: 'På annat sätt', en: 'In another way' } },
          ],
        },
      ],
    },
    {
      id: 'value',
      title: { sv: 'Värdet för er', en: 'The value to you' },
      questions: [
        {
          id: 'valueStatements',
          type: 'matrix',
          label: {
            sv: 'Hur väl stämmer påståendena för er?',
            en: 'How well do the statements fit your company?',
          },
          required: true,
          rows: [
            {
              id: 'skills-supply',
              label: {
                sv: 'Samverkan hjälper oss att få den kompetens vi behöver.',
                en: 'Working with the centre helps us get the skills we need.',
              },
            },
            {
              id: 'short-courses',
              label: {
                sv: 'Centrumets korta kurser är relevanta för oss.',
                en: "The centre's short courses are relevant to us.",
              },
            },
            {
              id: 'trust-in-quality',
              label: {
                sv: 'Certifieringen gör att vi litar på kursernas kvalitet.',
                en: 'The certification makes us trust the quality of the courses.',
              },
            },
            {
              id: 'network',
              label: {
                sv: 'Vi får ett värdefullt nätverk genom centrumet.',
                en: 'We gain a valuable network through the centre.',
              },
            },
            {
              id: 'influence-on-content',
              label: {
                sv: 'Vi kan påverka vad kurserna innehåller.',
                en: 'We can influence what the courses contain.',
              },
            },
            {
              id: 'recruitment',
              label: {
                sv: 'Samverkan gör det lättare för oss att rekrytera.',
                en: 'Working with the centre makes it easier for us to recruit.',
              },
            },
            {
              id: 'reasonable-admin',
              label: {
                sv: 'Den administration samverkan kräver av oss är rimlig.',
                en: 'The administration the collaboration asks of us is reasonable.',
              },
            },
          ],
          scale: agreementScale,
        },
        {
          id: 'wholeCentreValue',
          type: 'likert',
          label: {
            sv: 'Hur stort värde har det för er att centrumet certifieras som helhet?',
            en: 'How much value is it to you that the centre is certified as a whole?',
          },
          help: {
            sv: 'Som helhet betyder att alla centrumets utbildningar omfattas, oavsett form och längd.',
            en: "As a whole means that all the centre's programmes and courses are covered, whatever their form and length.",
          },
          required: true,
          scale: valueScale,
        },
        {
          id: 'recommend',
          type: 'nps',
          label: {
            sv: 'Hur troligt är det att ni skulle rekommendera ett annat företag att samverka med centrumet?',
            en: 'How likely are you to recommend working with the centre to another company?',
          },
          help: {
            sv: '0 = inte alls troligt, 10 = mycket troligt.',
            en: '0 = not at all likely, 10 = extremely likely.',
          },
          required: true,
        },
      ],
    },
    {
      id: 'comments',
      title: { sv: 'Med egna ord', en: 'In your own words' },
      questions: [
        {
          id: 'greatestValue',
          type: 'longText',
          label: {
            sv: 'Vad ger samverkan mest värde för er?',
            en: 'What gives you the most value in the collaboration?',
          },
          required: false,
          maxLength: 1500,
        },
        {
          id: 'improvements',
          type: 'longText',
          label: {
            sv: 'Vad borde centrumet eller certifieringen göra bättre?',
            en: 'What should the centre or the certification do better?',
          },
          required: false,
          maxLength: 1500,
        },
      ],
    },
  ],
};
