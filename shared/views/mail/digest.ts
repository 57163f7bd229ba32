/**
 * The weekly digest as an email, in Swedish: a headline section, one compact section per survey
 * (bar charts as tables with inline CSS: no SVG, images or scripts, which mail clients strip),
 * the newest comments, a region roll-up, a plain-text part with the same numbers and a CSV of
 * every per-question figure. Pure: model in, message out.
 *
 * Mail clients: one 600 px column that shrinks to 360 px, colours that read on light and dark
 * backgrounds (with a prefers-color-scheme block for clients that honour it), and well under
 * Gmail's 102 KB clipping limit.
 */
import type { DigestEmail } from '../../core/digest-run.ts';
import type { Digest } from '../../core/digest.ts';
import { digestCsv } from './digest/csv.ts';
import { subjectOf, type EmailContext } from './digest/format.ts';
import { renderHtml } from './digest/html.ts';
import { surveyView } from './digest/model.ts';
import { renderText } from './digest/text.ts';

export { HTML_LIMIT_BYTES } from './digest/format.ts';
export { shorten } from './digest/model.ts';

export function renderDigestEmail(digest: Digest, context: EmailContext): DigestEmail {
  const subject = subjectOf(digest);
  const views = digest.surveys.flatMap((figures) => {
    const survey = context.surveys.find((entry) => entry.id === figures.id);
    return survey ? [surveyView(survey, figures, context.comments[figures.id] ?? [])] : [];
  });
  return {
    subject,
    html: renderHtml(digest, context, views, subject),
    text: renderText(digest, context, views, subject),
    attachments: [
      {
        filename: `veckorapport-${digest.period.id}.csv`,
        content: digestCsv(digest, context.surveys),
        contentType: 'text/csv; charset=utf-8',
      },
    ],
  };
}
