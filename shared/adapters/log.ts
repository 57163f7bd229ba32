/**
 * The one logger: Powertools' structured JSON lines, as CloudWatch reads them. The level comes
 * from POWERTOOLS_LOG_LEVEL (`SILENT` in tests), the service from POWERTOOLS_SERVICE_NAME. On AWS,
 * `injectLambdaContext` adds the request id to every line and the HTTP stack appends the survey id.
 *
 * Callers pass names, ids and counts only: never answers, e-mail addresses, names or tokens.
 */
import { Logger, LogLevelThreshold } from '@aws-lambda-powertools/logger';

export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME || 'skc-pilot' });

/**
 * For the CLI, whose stdout carries exports and --json: warnings and errors only, which the
 * logger writes to stderr (info and debug would go to stdout).
 */
export function logToStderrOnly(): void {
  if (logger.level < LogLevelThreshold.WARN) logger.setLogLevel('WARN');
}
