/**
 * Builds the clients and configuration once per process (at cold start) from the environment.
 * Every handler, the local runtime and the CLI get their dependencies from here, so tests and
 * local runs use exactly the wiring AWS uses.
 */
import { loadConfig, retentionUntil, type Config } from '../shared/adapters/config.ts';
import { dbFrom, type Db } from '../shared/adapters/store/client.ts';
import { createResponseStore } from '../shared/adapters/store/responses.ts';
import { getSurvey } from '../surveys/index.ts';

export type Wiring = {
  config: Config;
  db: Db;
  responses: ReturnType<typeof createResponseStore>;
  getSurvey: typeof getSurvey;
  retentionUntil: number;
};

let wiring: Wiring | undefined;

export function wire(env: Record<string, string | undefined> = process.env): Wiring {
  if (wiring) return wiring;
  const config = loadConfig(env);
  const db = dbFrom(config);
  wiring = {
    config,
    db,
    responses: createResponseStore(db),
    getSurvey,
    retentionUntil: retentionUntil(config),
  };
  return wiring;
}
