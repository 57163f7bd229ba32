/**
 * `skc export --survey ID [--format csv|json] [--out FILE] [--labels sv]`: every response of a
 * survey, personal answers included, streamed page by page to a file or to standard output.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { once } from 'node:events';
import {
  csvWriter,
  exportColumns,
  exportRow,
  formats,
  jsonWriter,
  type Format,
} from '../../shared/core/export.ts';
import { responsePages } from '../../shared/adapters/store/export.ts';
import { getSurvey, surveys } from '../../surveys/index.ts';
import { UsageError, type Command } from '../command.ts';

type Sink = { write(chunk: string): Promise<void>; close(): Promise<void>; abort(): Promise<void> };

function fileSink(path: string): Sink {
  const stream: WriteStream = createWriteStream(path);
  // events.once rejects when the stream errors while we wait; an error between waits is kept
  // here. (Racing every wait against one long-lived promise would leave a reaction per wait.)
  let failure: unknown;
  stream.on('error', (error) => {
    failure = error;
  });
  const check = () => {
    if (failure) throw failure;
  };
  return {
    async write(chunk) {
      check();
      if (chunk && !stream.write(chunk)) await once(stream, 'drain');
    },
    async close() {
      check();
      stream.end();
      await once(stream, 'finish');
    },
    async abort() {
      stream.destroy();
      await rm(path, { force: true });
    },
  };
}

/** Standard output through the CLI's line writer: whole lines only, so the bytes stay exact. */
function lineSink(out: (line: string) => void): Sink {
  let pending = '';
  return {
    async write(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf('\n');
      if (end < 0) return;
      out(pending.slice(0, end));
      pending = pending.slice(end + 1);
    },
    async close() {
      if (pending) out(pending);
    },
    async abort() {},
  };
}

export const command: Command = {
  usage: 'export --survey ID [--format csv|json] [--out FILE] [--labels sv]',
  summary: 'writes every response of a survey, one row each, columns in definition order',
  options: {
    survey: { type: 'string', description: `the survey: ${surveys.map((known) => known.id).join(', ')}` },
    format: { type: 'string', default: 'csv', description: 'csv (UTF-8 with BOM, the default) or json' },
    out: { type: 'string', description: 'the file to write (default: standard output)' },
    labels: { type: 'string', description: 'sv adds the Swedish question texts as a second CSV header row' },
  },
  async run({ values }, context) {
    const surveyId = values.survey as string | undefined;
    if (!surveyId) throw new UsageError('--survey is required');
    const survey = getSurvey(surveyId);
    if (!survey)
      throw new UsageError(
        `unknown survey "${surveyId}"; known: ${surveys.map((known) => known.id).join(', ')}`,
      );
    const format = values.format as string;
    if (!(formats as readonly string[]).includes(format))
      throw new UsageError(`--format must be csv or json, not "${format}"`);
    const labels = values.labels as string | undefined;
    if (labels !== undefined && labels !== 'sv') throw new UsageError(`--labels takes "sv", not "${labels}"`);
    if (labels && format !== 'csv')
      throw new UsageError('--labels sv adds a second header row, which only a CSV export has');

    const columns = exportColumns(survey);
    const writer =
      (format as Format) === 'csv' ? csvWriter(columns, labels ? { labels: 'sv' } : {}) : jsonWriter(columns);
    const path = values.out as string | undefined;
    const sink = path ? fileSink(path) : lineSink(context.out);
    let count = 0;
    try {
      await sink.write(writer.start());
      for await (const page of responsePages(context.db, survey.id)) {
        await sink.write(
          writer.rows(page.map(({ response, personal }) => exportRow(survey, response, personal))),
        );
        count += page.length;
      }
      await sink.write(writer.end());
      await sink.close();
    } catch (error) {
      await sink.abort();
      throw error;
    }
    (path ? context.out : context.err)(
      `Exported ${count} response${count === 1 ? '' : 's'} of ${survey.id}${path ? ` to ${path}` : ''}.`,
    );
  },
};
