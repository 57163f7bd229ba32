import type { Question, Survey } from '../shared/core/definition.ts';
import { criteria, criteriaRatingQuestion, criterionQuestionId } from './criteria.ts';
import { educationForms, lengthUnits } from './education.ts';
import { pilotClosesAt, pilotOpensAt } from './pilot.ts';
import { regionOptions } from './regions.ts';

/** `quality-assured-process` → `assureQualityAssuredProcess` (question ids are camelCase). */
export function assureQuestionId(criterionId: string): string {
  return criterionQuestionId('assure', criterionId);
}

const assureQuestions: Question[] = criteria.map((criterion) => ({
  id: assureQuestionId(criterion.id),
  type: 'longText',
  label: {
    sv: `${criterion.name.sv}: hur säkerställer ni det här kriteriet?`,
    en: `${criterion.name.en}: how do you ensure this criterion is met?`,
  },
  help: criterion.description,
  required: true,
  maxLength: 2000,
}));

export const centreApplication: Survey = {
  id: 'centre-application',
  // 2: Teknikcollege regions instead of counties; utbildningar with a length in hours, days or weeks.
  version: 2,
  title: {
    sv: 'Ansökan: certifiering av strategiskt kompetenscentrum',
    en: 'Application: certification of a strategic competence centre',
  },
  description: {
    sv: 'För ett kompetenscentrum som vill bli certifierat av Teknikcollege som helhet, för alla sina utbildningar oavsett form och längd. Fyll i ansökan tillsammans med er regionala styrgrupp och ha uppgifterna om utbildningarna till hands.',
    en: 'For a competence centre that wants Teknikcollege to certify it as a whole, for all its education and training whatever its form and length. Fill in the application together with your regional steering group and have the details of your programmes and courses at hand.',
  },
  access: 'open',
  opensAt: pilotOpensAt,
  closesAt: pilotClosesAt,
  minutes: 25,
  regionQuestion: 'region',
  review: { titleQuestion: 'centreName' },
  sections: [
    {
      id: 'centre',
      title: { sv: 'Kompetenscentrumet', en: 'The competence centre' },
      questions: [
        {
          id: 'centreName',
          type: 'text',
          label: { sv: 'Kompetenscentrumets namn', en: 'Name of the competence centre' },
          required: true,
          maxLength: 200,
          autocomplete: 'organization',
        },
        {
          id: 'orgNumber',
          type: 'orgNumber',
          label: { sv: 'Organisationsnummer', en: 'Organisation number (organisationsnummer)' },
          help: { sv: '10 siffror, till exempel 556677-8899.', en: '10 digits, for example 556677-8899.' },
          required: true,
        },
        {
          id: 'street',
          type: 'text',
          label: { sv: 'Gatuadress', en: 'Street address' },
          required: true,
          maxLength: 200,
          autocomplete: 'address-line1',
        },
        {
          id: 'postcode',
          type: 'text',
          label: { sv: 'Postnummer', en: 'Postcode' },
          required: true,
          maxLength: 10,
          autocomplete: 'postal-code',
        },
        {
          id: 'town',
          type: 'text',
          label: { sv: 'Ort', en: 'Town' },
          required: true,
          maxLength: 100,
          autocomplete: 'address-level2',
        },
        {
          id: 'website',
          type: 'text',
          label: { sv: 'Webbplats', en: 'Website' },
          required: false,
          maxLength: 300,
          autocomplete: 'url',
        },
        {
          id: 'contactName',
          type: 'text',
          label: { sv: 'Kontaktperson', en: 'Contact person' },
          required: true,
          maxLength: 200,
          personal: 'name',
          autocomplete: 'name',
        },
        {
          id: 'contactEmail',
          type: 'email',
          label: { sv: 'Kontaktpersonens e-postadress', en: "Contact person's email address" },
          help: {
            sv: 'Hit skickar vi bekräftelsen och besked om ansökan.',
            en: 'We send the confirmation and news about the application here.',
          },
          required: true,
          personal: 'email',
          autocomplete: 'email',
        },
        {
          id: 'contactPhone',
          type: 'text',
          label: { sv: 'Kontaktpersonens telefonnummer', en: "Contact person's phone number" },
          required: false,
          maxLength: 30,
          personal: 'contact',
          autocomplete: 'tel',
        },
      ],
    },
    {
      id: 'steeringGroup',
      title: { sv: 'Region och styrgrupp', en: 'Region and steering group' },
      questions: [
        {
          id: 'region',
          type: 'singleChoice',
          label: {
            sv: 'Vilken Teknikcollege-region hör centrumet till?',
            en: 'Which Teknikcollege region does the centre belong to?',
          },
          required: true,
          options: [...regionOptions],
        },
        {
          id: 'steeringGroupName',
          type: 'text',
          label: { sv: 'Regional styrgrupp', en: 'Regional steering group' },
          help: {
            sv: 'Till exempel Teknikcollege Östra Småland.',
            en: 'For example Teknikcollege Östra Småland.',
          },
          required: true,
          maxLength: 200,
        },
        {
          id: 'processLeaderName',
          type: 'text',
          label: { sv: 'Regional processledare', en: 'Regional process leader' },
          required: true,
          maxLength: 200,
          personal: 'name',
        },
        {
          id: 'chairName',
          type: 'text',
          label: { sv: 'Styrgruppens ordförande', en: 'Chair of the steering group' },
          required: true,
          maxLength: 200,
          personal: 'name',
        },
        {
          id: 'decisionDate',
          type: 'date',
          label: {
            sv: 'Datum då styrgruppen beslutade att stödja ansökan',
            en: 'Date the steering group decided to support the application',
          },
          required: true,
          min: '2020-01-01',
        },
      ],
    },
    {
      id: 'courseList',
      title: { sv: 'Utbildningar', en: 'Programmes and courses' },
      description: {
        sv: 'Ta med alla utbildningar som ska ingå i certifieringen, även kurser på en dag eller några timmar.',
        en: 'Include every programme and course the certification should cover, even courses of a day or a few hours.',
      },
      questions: [
        {
          id: 'courses',
          type: 'group',
          label: { sv: 'Centrumets utbildningar', en: "The centre's programmes and courses" },
          required: true,
          minItems: 1,
          maxItems: 30,
          itemLabel: { sv: 'Utbildning', en: 'Programme or course' },
          fields: [
            {
              id: 'name',
              type: 'text',
              label: { sv: 'Utbildningens namn', en: 'Name of the programme or course' },
              required: true,
              maxLength: 200,
            },
            {
              id: 'form',
              type: 'singleChoice',
              label: { sv: 'Utbildningsform', en: 'Type of education' },
              required: true,
              options: [...educationForms, { value: 'annan', label: { sv: 'Annan form', en: 'Other type' } }],
            },
            {
              id: 'length',
              type: 'integer',
              label: { sv: 'Längd', en: 'Length' },
              help: {
                sv: 'Ange längden i den enhet som passar, till exempel 1 dag eller 40 veckor. Avrunda uppåt.',
                en: 'Give the length in the unit that fits, for example 1 day or 40 weeks. Round up.',
              },
              required: true,
              min: 1,
              max: 5000,
            },
            {
              id: 'lengthUnit',
              type: 'singleChoice',
              label: { sv: 'Längden anges i', en: 'The length is given in' },
              required: true,
              options: [...lengthUnits],
            },
            {
              id: 'participantsPerYear',
              type: 'integer',
              label: { sv: 'Antal deltagare per år', en: 'Participants per year' },
              help: { sv: 'En uppskattning räcker.', en: 'An estimate is enough.' },
              required: true,
              min: 0,
              max: 10000,
            },
            {
              id: 'partnerCompanies',
              type: 'integer',
              label: { sv: 'Antal samverkansföretag', en: 'Number of partner companies' },
              required: true,
              min: 0,
              max: 1000,
            },
          ],
        },
      ],
    },
    {
      id: 'criteria',
      title: { sv: 'Teknikcolleges åtta kriterier', en: "Teknikcollege's eight criteria" },
      description: {
        sv: 'Bedöm först hur väl centrumet uppfyller varje kriterium i dag. Beskriv sedan hur ni säkerställer kriteriet i alla utbildningar.',
        en: 'First rate how well the centre meets each criterion today. Then describe how you ensure the criterion is met in every programme and course.',
      },
      questions: [
        criteriaRatingQuestion('criteriaRating', {
          sv: 'Hur väl uppfyller centrumet kriterierna i dag?',
          en: 'How well does the centre meet the criteria today?',
        }),
        ...assureQuestions,
      ],
    },
    {
      id: 'followUp',
      title: { sv: 'Uppföljning och värde', en: 'Follow-up and value' },
      questions: [
        {
          id: 'criteriaFollowUp',
          type: 'longText',
          label: {
            sv: 'Hur ska styrgruppen följa upp att kriterierna uppfylls?',
            en: 'How will the steering group check that the criteria are met?',
          },
          help: {
            sv: 'Till exempel hur ofta, vem som gör det och vad ni tittar på.',
            en: 'For example how often, who does it and what you look at.',
          },
          required: true,
          maxLength: 2000,
        },
        {
          id: 'expectedCompanyValue',
          type: 'longText',
          label: {
            sv: 'Vilket värde väntar ni er att certifieringen ger samverkansföretagen?',
            en: 'What value do you expect the certification to give the partner companies?',
          },
          required: true,
          maxLength: 2000,
        },
      ],
    },
    {
      id: 'consent',
      title: { sv: 'Personuppgifter', en: 'Personal data' },
      questions: [
        {
          id: 'privacyConsent',
          type: 'consent',
          label: {
            sv: 'Jag har läst integritetspolicyn och vet hur personuppgifterna i ansökan behandlas.',
            en: 'I have read the privacy notice and know how the personal data in this application is handled.',
          },
          required: true,
        },
        {
          id: 'evaluationContact',
          type: 'boolean',
          label: {
            sv: 'Får vi kontakta er om utvärderingen av piloten?',
            en: 'May we contact you about the evaluation of the pilot?',
          },
          required: false,
        },
      ],
    },
  ],
};
