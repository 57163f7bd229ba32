/**
 * Structured log lines (one JSON object each, as CloudWatch reads them). Callers pass names,
 * ids and counts only: never answers, e-mail addresses, names or tokens.
 */
type Fields = Record<string, string | number | boolean | undefined>;

function write(level: 'info' | 'warn' | 'error', message: string, fields: Fields): void {
  if (process.env.SKC_LOG === 'silent') return;
  const line = JSON.stringify({ level, message, time: new Date().toISOString(), ...fields });
  (level === 'error' ? process.stderr : process.stdout).write(`${line}\n`);
}

export const log = {
  info: (message: string, fields: Fields = {}) => write('info', message, fields),
  warn: (message: string, fields: Fields = {}) => write('warn', message, fields),
  error: (message: string, fields: Fields = {}) => write('error', message, fields),
};
