import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { DomainError, SearchRequest } from '@newsarchive/core';
import { createEmbeddedEngine } from './engine.ts';
import type { ThreadRequest, ThreadReply, ThreadSetup } from './threads.ts';

/**
 * One search thread: its own connection to the archive file and its own embedded engine, which
 * catches up with writes made through other connections (the engine's change log), exactly as
 * a second process would.
 */
const setup = workerData as ThreadSetup;
const port = parentPort!;
const db = new Database(setup.path, { fileMustExist: true });
db.pragma('busy_timeout = 5000');
const engine = createEmbeddedEngine({ db, prefix: setup.prefix, cacheBytes: setup.cacheBytes });

const utf8 = new TextEncoder();

/**
 * Buffers the serving thread gave back (see `recycle`), filled again rather than allocating a
 * fresh one per answer: answers are ~50 KB, and a fresh buffer per search, moved to the
 * serving thread, made its heap collect in full several times a second under load.
 */
const spare: ArrayBuffer[] = [];
const MAX_SPARE = 64;
const MIN_BUFFER = 64 * 1024;

/** The answer as UTF-8 bytes, in a spare buffer when one is large enough. */
function encode(json: string): Uint8Array {
  const length = Buffer.byteLength(json, 'utf8');
  const i = spare.findIndex((b) => b.byteLength >= length);
  const buffer =
    i >= 0
      ? spare.splice(i, 1)[0]!
      : new ArrayBuffer(Math.max(MIN_BUFFER, Math.ceil(length * 1.25)));
  const bytes = new Uint8Array(buffer, 0, length);
  utf8.encodeInto(json, bytes);
  return bytes;
}

function reply(message: ThreadReply, transfer: ArrayBuffer[] = []): void {
  port.postMessage(message, transfer);
}

port.on('message', async (message: ThreadRequest) => {
  if (message.kind === 'recycle') {
    if (spare.length < MAX_SPARE) spare.push(message.buffer);
    return;
  }
  if (message.kind === 'close') {
    await engine.close();
    db.close();
    port.close();
    return;
  }
  try {
    if (message.kind === 'search') {
      const result = await engine.search(message.request);
      if (message.json) {
        // Encoded here and moved, not copied: the serving thread writes these bytes as they are.
        const bytes = encode(JSON.stringify(result));
        reply({ id: message.id, result: bytes }, [bytes.buffer as ArrayBuffer]);
      } else {
        reply({ id: message.id, result });
      }
    } else {
      reply({ id: message.id, result: await engine.searchFacet(message.request) });
    }
  } catch (err) {
    reply({
      id: message.id,
      error: {
        code: err instanceof DomainError ? err.code : 'internal',
        message: err instanceof Error ? err.message : String(err),
      },
    });
  }
});

// Load the facet store and vocabulary before saying ready, so no reader pays for it.
try {
  await engine.search(SearchRequest.parse({}));
  reply({ id: -1, ready: true });
} catch (err) {
  reply({ id: -1, ready: false, error: { code: 'internal', message: String(err) } });
}
