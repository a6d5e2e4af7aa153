import { existsSync } from 'node:fs';
import { z } from 'zod';

/**
 * The settings the server and the command line share, with their one definition of defaults and
 * limits (docs/architecture.md, Configuration). Each program adds its own to these.
 */
export const SHARED_SETTINGS = {
  ARCHIVE_DB: z.string().min(1).default('./data/archive.db'),
  // How long a write waits for another process's write lock before giving up (30 s).
  ARCHIVE_BUSY_TIMEOUT_MS: z.coerce.number().int().positive().max(600_000).default(30_000),
  SEARCH_ENGINE: z.enum(['auto', 'meilisearch', 'embedded']).default('auto'),
  MEILI_URL: z.url().optional(),
  MEILI_MASTER_KEY: z
    .string()
    .min(16, 'MEILI_MASTER_KEY must be at least 16 characters')
    .optional(),
  MEILI_INDEX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/, 'MEILI_INDEX may hold only letters, digits, - and _')
    .default('articles'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SEARCH_THREADS: z.coerce.number().int().min(0).max(64).optional(),
};

/**
 * Reads settings from the environment: a `.env` file in the working directory is loaded first
 * (real environment variables win) and empty values count as unset. On a bad value it names
 * every bad field on stderr and exits 2: a program started with a wrong setting must not run.
 */
export function loadSettings<S extends z.ZodType>(
  schema: S,
  source: NodeJS.ProcessEnv = process.env,
): z.infer<S> {
  if (source === process.env && existsSync('.env')) process.loadEnvFile('.env');
  const raw = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      process.stderr.write(`newsarchive: bad setting ${issue.path.join('.')}: ${issue.message}\n`);
    }
    process.exit(2);
  }
  return parsed.data;
}
