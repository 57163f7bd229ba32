/**
 * `skc import --survey ID --csv FILE [--dry-run]` — brings in answers gathered before this system
 * (the columns `skc export` writes, plus `centre` and `submittedAt`). The whole file is checked
 * first, against the survey's definition and against what is already stored; while any line is
 * wrong nothing is written. Imported answers send no mail, create no invitations and never count
 * in response rates. A rerun of the same file stores nothing twice.
 */
import pMap from 'p-map';
import { importedResponse, parseImportFile, type ImportRow } from '../../shared/core/import.ts';
import type { RowProblem } from '../../shared/core/invites.ts';
import type { Survey } from '../../shared/core/definition.ts';
import type { NewResponse } from '../../shared/core/submit.ts';
import { readCentres } from '../../shared/adapters/store/report.ts';
import { createResponseStore } from '../../shared/adapters/store/responses.ts';
import { getSurvey, surveys } from '../../surveys/index.ts';
import { CommandError, UsageError, type Command, type Context } from '../command.ts';
import { forEachBounded } from '../bounded.ts';
import { readList } from './invite.ts';

/** Reads and writes in flight at once: enough to hide latency, few enough not to throttle. */
const CONCURRENCY = 4;

function importSurvey(id: string | boolean | undefined): Survey {
  const importable = surveys.filter((survey) => !survey.review).map((survey) => survey.id);
  if (typeof id !== 'string' || !id) throw new UsageError(`--survey is required (${importable.join(', ')})`);
  const survey = getSurvey(id);
  if (!survey)
    throw new UsageError(`unknown survey "${id}"; answers can be imported to ${importable.join(', ')}`);
  if (survey.review)
    throw new UsageError(
      `${id} holds applications, whose cases and decisions go through the form and skc review; answers can be imported to ${importable.join(', ')}`,
    );
  return survey;
}

export const command: Command = {
  usage: 'import --survey ID --csv FILE [--dry-run]',
  summary: 'brings in answers gathered before this system; no mail, not counted in response rates',
  options: {
    survey: {
      type: 'string',
      description: `the survey: ${surveys
        .filter((survey) => !survey.review)
        .map((survey) => survey.id)
        .join(', ')}`,
    },
    csv: {
      type: 'string',
      description: 'the answers: the columns skc export writes, plus centre (name or slug) and submittedAt',
    },
    'dry-run': {
      type: 'boolean',
      description: 'checks the whole file and says what it would do; stores nothing',
    },
  },
  async run({ values }, context) {
    const survey = importSurvey(values.survey);
    const file = values.csv;
    if (typeof file !== 'string' || !file) throw new UsageError('--csv FILE is required');

    const centres = await readCentres(context.db);
    const parsed = parseImportFile(survey, await readList(file), { centres, now: context.now() });
    if (!parsed.ok) refuse(file, parsed.problems, context);

    const store = createResponseStore(context.db);
    const { fresh, known, problems } = await sortRows(store, survey, parsed.rows, context);
    if (problems.length) refuse(file, problems, context);

    if (values['dry-run']) {
      context.out(`Dry run: nothing is stored.`);
      context.out(`Would have: ${summary(survey, fresh.length, known)}`);
      return 0;
    }
    let done = 0;
    const report = progress(fresh.length, context);
    await forEachBounded(fresh, CONCURRENCY, async (row) => {
      await saveOnce(store, importedResponse(survey, row, context.retentionUntil));
      report(++done);
    });
    context.out(summary(survey, fresh.length, known));
    return 0;
  },
};

const ATTEMPTS = 4;

/**
 * Stores one row, trying again while the store is unavailable (a batch may outlast a slow moment
 * of the store that a single request would not). A retry is safe: the transaction's condition on
 * the submission makes a row whose first attempt did land a 'duplicate', stored once either way.
 */
async function saveOnce(store: ReturnType<typeof createResponseStore>, response: NewResponse): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await store.saveResponse(response);
      return;
    } catch (error) {
      if ((error as Error).name !== 'StoreUnavailableError' || attempt === ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** attempt));
    }
  }
}

function refuse(file: string, problems: RowProblem[], context: Context): never {
  for (const problem of problems) context.err(`${file}:${problem.line}: ${problem.message}`);
  const lines = new Set(problems.map((problem) => problem.line)).size;
  throw new CommandError(
    `${lines} ${lines === 1 ? 'line' : 'lines'} of ${file} must be fixed (listed above); nothing was imported`,
  );
}

const summary = (survey: Survey, imported: number, known: number) =>
  `${survey.id}: imported ${imported}, skipped ${known} (already imported)`;

/** Splits the rows into new ones and ones already stored; a stored row with other answers is a problem. */
async function sortRows(
  store: ReturnType<typeof createResponseStore>,
  survey: Survey,
  rows: ImportRow[],
  context: Context,
): Promise<{ fresh: ImportRow[]; known: number; problems: RowProblem[] }> {
  const found = await pMap(rows, (row) => store.findSubmission(survey.id, row.submissionId), {
    concurrency: CONCURRENCY * 2,
  });
  const fresh: ImportRow[] = [];
  const problems: RowProblem[] = [];
  let known = 0;
  rows.forEach((row, index) => {
    const stored = found[index];
    if (!stored) fresh.push(row);
    else if ('erased' in stored)
      problems.push({
        line: row.line,
        message: `submissionId ${row.submissionId} belongs to an answer that was erased; it is not brought back`,
      });
    else if (stored.hash === row.hash) known++;
    else
      problems.push({
        line: row.line,
        message: `submissionId ${row.submissionId} is already stored with other answers (reference ${stored.receipt.responseId})`,
      });
  });
  if (known > 0 && fresh.length > 0)
    context.err(`${known} of ${rows.length} rows are already imported; skipping them.`);
  return { fresh, known, problems };
}

/** A progress line on stderr every tenth of the way (and at the end). */
function progress(total: number, context: Context): (done: number) => void {
  const step = Math.max(1, Math.ceil(total / 10));
  return (done) => {
    if (done % step === 0 || done === total) context.err(`imported ${done} of ${total}`);
  };
}
