/**
 * The route table: every HTTP route of the contract and every job, each wired to one function.
 * The CDK stack and the local runtime both read this table, so local and AWS cannot drift. The
 * paths themselves are `shared/core/links.ts`, where every link to them is built.
 */
import { paths } from '../shared/core/links.ts';

/** What a function may do with the table (its IAM grant on AWS). */
export type TableAccess = 'none' | 'read' | 'read-write';

export type FunctionSpec = {
  /** The handler module, relative to the repository root; it exports `handler`. */
  entry: string;
  table: TableAccess;
  /** Whether it sends email through SES. */
  sendsMail: boolean;
  description: string;
};

export const functions = {
  health: {
    entry: 'functions/health.ts',
    table: 'read',
    sendsMail: false,
    description: 'Liveness: answers once storage answers',
  },
  surveys: {
    entry: 'functions/surveys.ts',
    table: 'none',
    sendsMail: false,
    description: 'The list of surveys',
  },
  survey: {
    entry: 'functions/survey.ts',
    table: 'none',
    sendsMail: false,
    description: 'One public survey definition',
  },
  form: {
    entry: 'functions/form.ts',
    table: 'read',
    sendsMail: false,
    description: 'The hosted form (reads invitations)',
  },
  receipt: {
    entry: 'functions/receipt.ts',
    table: 'read',
    sendsMail: false,
    description: 'The receipt page after a submission',
  },
  pages: {
    entry: 'functions/pages.ts',
    table: 'none',
    sendsMail: false,
    description: 'Privacy notice and accessibility statement',
  },
  home: {
    entry: 'functions/home.ts',
    table: 'none',
    sendsMail: false,
    description: 'The landing page: the surveys and the information pages',
  },
  submit: {
    entry: 'functions/submit.ts',
    table: 'read-write',
    sendsMail: false,
    description: 'Stores a response exactly once',
  },
  mailer: {
    entry: 'functions/mailer.ts',
    table: 'read-write',
    sendsMail: true,
    description: 'Sends outbox mail (receipts, decisions) from the table stream',
  },
  digest: {
    entry: 'functions/digest.ts',
    table: 'read-write',
    sendsMail: true,
    description: 'Weekly digest to the working group',
  },
} as const satisfies Record<string, FunctionSpec>;

export type FunctionName = keyof typeof functions;

export type Route = { method: 'GET' | 'POST'; path: string; function: FunctionName };

export const routes: readonly Route[] = [
  { method: 'GET', path: paths.home, function: 'home' },
  { method: 'GET', path: paths.health, function: 'health' },
  { method: 'GET', path: paths.surveys, function: 'surveys' },
  { method: 'GET', path: paths.survey, function: 'survey' },
  { method: 'GET', path: paths.form, function: 'form' },
  { method: 'GET', path: paths.receipt, function: 'receipt' },
  { method: 'GET', path: paths.privacy, function: 'pages' },
  { method: 'GET', path: paths.accessibility, function: 'pages' },
  { method: 'POST', path: paths.responses, function: 'submit' },
];

/** Matches a request path against a route path with `{name}` parameters. */
export function matchRoute(
  method: string,
  path: string,
): { route: Route; params: Record<string, string> } | undefined {
  for (const route of routes) {
    if (route.method !== method) continue;
    const names: string[] = [];
    const pattern = new RegExp(
      `^${route.path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{(\w+)\}/g, (_, name: string) => {
        names.push(name);
        return '([^/]+)';
      })}$`,
    );
    const match = pattern.exec(path);
    if (!match) continue;
    try {
      const params = Object.fromEntries(
        names.map((name, index) => [name, decodeURIComponent(match[index + 1]!)]),
      );
      return { route, params };
    } catch {
      return undefined; // a malformed escape such as %E0 names no resource: 404
    }
  }
  return undefined;
}
