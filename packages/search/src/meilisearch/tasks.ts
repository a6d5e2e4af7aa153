import {
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchRequestTimeOutError,
  type Meilisearch,
} from 'meilisearch';
import { EngineError, EngineUnavailableError } from '../engine.ts';

/** True when Meilisearch did not answer, as opposed to answering with a refusal. */
export function isUnavailable(err: unknown): boolean {
  if (err instanceof MeilisearchRequestError || err instanceof MeilisearchRequestTimeOutError)
    return true;
  // 408: the server gave up on a request it had not read in time, e.g. one sent on a kept-alive
  // connection while it was paused. It did not refuse anything.
  return (
    err instanceof MeilisearchApiError &&
    (err.response.status >= 500 || err.response.status === 408)
  );
}

/** Turns client errors into the engine's error family; keys and URLs stay out of messages. */
export function translate(err: unknown, what: string): Error {
  if (err instanceof EngineError || err instanceof EngineUnavailableError) return err;
  if (isUnavailable(err))
    return new EngineUnavailableError(`Meilisearch did not answer (${what})`, { cause: err });
  const code = err instanceof MeilisearchApiError ? (err.cause?.code ?? 'error') : 'error';
  return new EngineError(`Meilisearch refused ${what} (${code})`, { cause: err });
}

/** True for Meilisearch's answer about an index that does not exist (yet). */
export function isIndexNotFound(err: unknown): boolean {
  return err instanceof MeilisearchApiError && err.cause?.code === 'index_not_found';
}

/** Waits for one task; a poll lost to a dropped connection is retried, the task goes on. */
async function waitForOne(admin: Meilisearch, uid: number) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await admin.tasks.waitForTask(uid, { timeout: 600_000, interval: 250 });
    } catch (err) {
      if (!isUnavailable(err) || attempt >= 5) throw err;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
}

/** Waits for the tasks in order; the first that did not succeed becomes an EngineError. */
export async function waitAll(admin: Meilisearch, uids: number[]): Promise<void> {
  for (const uid of uids) {
    const task = await waitForOne(admin, uid);
    if (task.status !== 'succeeded') {
      throw new EngineError(`Meilisearch task ${uid} ${task.status}: ${task.error?.message ?? ''}`);
    }
  }
}
