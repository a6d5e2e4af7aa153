import { z } from 'zod';
import { loadSettings, SHARED_SETTINGS } from '@newsarchive/core/env';

/**
 * The command line's configuration: the only place scripts read process.env. A `.env` file in
 * the working directory is loaded first (real environment variables win).
 */
const Env = z.object({
  ...SHARED_SETTINGS,
  INGEST_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 1024 * 1024),
});
export type ScriptEnv = z.infer<typeof Env>;

export function loadEnv(source: NodeJS.ProcessEnv = process.env): ScriptEnv {
  return loadSettings(Env, source);
}
