import type { MatrixQuestion, Text, TextQuestion } from '../shared/core/definition.ts';
import { fulfilmentScale } from './scales.ts';

export type Criterion = { id: string; name: Text; description: Text };

/**
 * Teknikcollege's eight quality criteria. Names and order follow teknikcollege.se ("Kvaliteten – så
 * säkras den"); the descriptions are our own one-sentence summaries, not Teknikcollege's wording.
 * The ids are stored in answers (matrix rows, `assure…` questions), so never rename them.
 */
export const criteria: readonly Criterion[] = [
  {
    id: 'quality-assured-process',
    name: { sv: 'Kvalitetssäkrad process', en: 'Quality-assured process' },
    description: {
      sv: 'Det finns ett systematiskt sätt att följa upp, utvärdera och förbättra utbildningarna tillsammans med företagen.',
      en: 'There is a systematic way to follow up, evaluate and improve the courses together with the companies.',
    },
  },
  {
    id: 'regional-collaboration',
    name: { sv: 'Regional samverkan', en: 'Regional collaboration' },
    description: {
      sv: 'Kommuner, utbildningsanordnare och företag i regionen samarbetar genom avtal och utgår från regionens behov av kompetens.',
      en: "Municipalities, education providers and companies in the region work together under agreements, based on the region's need for skills.",
    },
  },
  {
    id: 'organisation-and-governance',
    name: { sv: 'Organisation och styrning', en: 'Organisation and governance' },
    description: {
      sv: 'Arbetet leds av styrgrupper där företagen är i majoritet och ordföranden kommer från ett företag.',
      en: 'The work is led by steering groups in which companies are the majority and the chair comes from a company.',
    },
  },
  {
    id: 'industry-skills-needs',
    name: { sv: 'Industrins kompetensbehov', en: "Industry's skills needs" },
    description: {
      sv: 'Utbudet av utbildningar motsvarar de kompetensbehov som företagen i regionen har, både i innehåll och i omfattning.',
      en: 'The range of courses matches the skills the companies in the region need, both in content and in volume.',
    },
  },
  {
    id: 'courses-and-capacity',
    name: { sv: 'Utbildningar och dimensionering', en: 'Courses and capacity' },
    description: {
      sv: 'Utbildningarna ger deltagarna den kompetens företagen behöver, och antalet platser motsvarar behovet.',
      en: 'The courses give participants the skills companies need, and the number of places matches the need.',
    },
  },
  {
    id: 'creative-learning-environment',
    name: { sv: 'Kreativ och stimulerande lärmiljö', en: 'Creative and stimulating learning environment' },
    description: {
      sv: 'Lärmiljön liknar arbetslivet, har modern utrustning och lockar deltagare oavsett kön.',
      en: 'The learning environment is like real working life, has modern equipment and attracts participants of every gender.',
    },
  },
  {
    id: 'education-within-teknikcollege',
    name: { sv: 'Utbildning inom Teknikcollege', en: 'Education within Teknikcollege' },
    description: {
      sv: 'Utbildningarna planeras och genomförs enligt Teknikcolleges gemensamma arbetssätt, av lärare med aktuell kunskap om branschen.',
      en: "The courses are planned and run according to Teknikcollege's shared way of working, by teachers with up-to-date knowledge of the industry.",
    },
  },
  {
    id: 'employer-involvement',
    name: { sv: 'Arbetslivets medverkan i utbildningen', en: 'Employer involvement in education' },
    description: {
      sv: 'Företagen medverkar i utbildningen, till exempel genom praktik, handledning, studiebesök och gästföreläsningar.',
      en: 'Companies take part in the courses, for example through work placements, supervision, study visits and guest lectures.',
    },
  },
];

/** `quality-assured-process` with prefix `assure` → `assureQualityAssuredProcess` (question ids are camelCase). */
export function criterionQuestionId(prefix: string, criterionId: string): string {
  return (
    prefix + criterionId.replace(/(^|-)([a-z0-9])/g, (_match, _dash, char: string) => char.toUpperCase())
  );
}

/**
 * The per-criterion rating every survey asks on the same 1–5 fulfilment scale (one row per
 * criterion), so self-assessment, steering group and review committee compare row by row.
 */
export function criteriaRatingQuestion(id: string, label: Text): MatrixQuestion {
  return {
    id,
    type: 'matrix',
    label,
    required: true,
    rows: criteria.map((criterion) => ({ id: criterion.id, label: criterion.name })),
    scale: fulfilmentScale,
  };
}

/** One optional comment per criterion, ids `<prefix><CriterionId>`, beside a criteria rating. */
export function criterionCommentQuestions(prefix: string, maxLength = 1000): TextQuestion[] {
  return criteria.map((criterion) => ({
    id: criterionQuestionId(prefix, criterion.id),
    type: 'longText',
    label: {
      sv: `${criterion.name.sv}: kommentar (frivillig)`,
      en: `${criterion.name.en}: comment (optional)`,
    },
    help: criterion.description,
    required: false,
    maxLength,
  }));
}
