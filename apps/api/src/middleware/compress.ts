import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Bodies smaller than this go out as they are: compression would save a packet at most. */
export const COMPRESS_THRESHOLD = 1024;
/** A body of known length up to this size is compressed whole (with a Content-Length)… */
const WHOLE_MAX_BYTES = 8 * 2 ** 20;
/** …as are our own JSON and HTML answers, which are built whole anyway; anything else streams. */
const BUILT_WHOLE = /^\s*(?:application\/json|text\/html)(?:[;\s]|$)/i;
const NO_TRANSFORM = /(?:^|,)\s*no-transform\s*(?:,|$)/i;

type Encoding = 'br' | 'gzip';

/**
 * The encoding to answer in from an Accept-Encoding header: of those `offered`, the one the
 * client ranks highest (the first offered on a tie); null when it accepts none of them.
 */
export function negotiateEncoding(
  header: string | undefined,
  offered: readonly Encoding[] = ['br', 'gzip'],
): Encoding | null {
  if (!header) return null;
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name.trim(), Number.isFinite(value) ? value : 0);
  }
  let best: Encoding | null = null;
  let bestQ = 0;
  for (const e of offered) {
    const v = q.get(e) ?? q.get('*') ?? 0;
    if (v > bestQ) [best, bestQ] = [e, v];
  }
  return best;
}

function compressWhole(bytes: Uint8Array, encoding: Encoding): Promise<Buffer> {
  // Brotli's default quality (11) costs tens of ms on a page of JSON; 4 is as fast as gzip's
  // default level and still smaller. Both run on libuv's pool, off the serving thread.
  return encoding === 'br'
    ? brotli(bytes, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 4,
          [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
        },
      })
    : gzipAsync(bytes);
}

/**
 * Compresses answers (API JSON, the UI's HTML, scripts and styles) for clients that accept it.
 * Left as they are: HEAD, partial and bodiless answers, ones already encoded, types that are
 * compressed already (images, fonts), `no-transform`, and bodies under `threshold` bytes.
 *
 * A body is read whole (our JSON and HTML, and static files of known size) and compressed in
 * one call; a stream of unknown length (an export) is piped through gzip as it goes. Either way
 * every byte of the original body is read before the answer's last byte is written, so bytes
 * recycled when the response finishes (the search handler's) are never reused too early.
 */
export function compression(options: { threshold?: number } = {}): MiddlewareHandler {
  const threshold = options.threshold ?? COMPRESS_THRESHOLD;
  return async (c, next) => {
    await next();
    const res = c.res;
    const status = res.status;
    if (
      c.req.method === 'HEAD' ||
      !res.body ||
      status === 204 ||
      status === 206 ||
      status === 304 ||
      res.headers.has('Content-Encoding') ||
      res.headers.has('Content-Range')
    )
      return;
    const type = res.headers.get('Content-Type');
    if (!type || !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type)) return;
    if (NO_TRANSFORM.test(res.headers.get('Cache-Control') ?? '')) return;
    const length = res.headers.get('Content-Length');
    if (length !== null && Number(length) < threshold) return;
    // The answer depends on Accept-Encoding from here on, whether or not this one is encoded.
    const vary = res.headers.get('Vary');
    if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? ''))
      res.headers.set('Vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
    const accepted = c.req.header('Accept-Encoding');
    const whole = length !== null ? Number(length) <= WHOLE_MAX_BYTES : BUILT_WHOLE.test(type);
    // Node 20's CompressionStream knows gzip only: a stream goes out plain to a brotli-only client.
    const encoding = negotiateEncoding(accepted, whole ? ['br', 'gzip'] : ['gzip']);
    if (!encoding) return;

    // Assigning c.res copies the old answer's headers onto the new one (Hono): the length and
    // encoding are set after.
    if (whole) {
      const bytes = new Uint8Array(await res.arrayBuffer());
      if (bytes.byteLength < threshold) {
        c.res = new Response(bytes, res);
        return;
      }
      const packed = await compressWhole(bytes, encoding);
      c.res = new Response(packed as Uint8Array<ArrayBuffer>, res);
      c.res.headers.set('Content-Length', String(packed.byteLength));
    } else {
      c.res = new Response(res.body.pipeThrough(new CompressionStream('gzip')), res);
      c.res.headers.delete('Content-Length');
    }
    c.res.headers.set('Content-Encoding', encoding);
    const etag = c.res.headers.get('ETag');
    if (etag && !etag.startsWith('W/')) c.res.headers.set('ETag', `W/${etag}`);
  };
}
