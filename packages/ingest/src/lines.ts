/** One line of a stream: its text, or `overLong` when it passed the limit (text then dropped). */
export type StreamLine =
  { line: number; overLong: false; text: string } | { line: number; overLong: true };

/**
 * The lines of a byte stream (LF or CRLF), holding at most `maxBytes` of any one line. A line
 * that grows past the limit is reported as soon as it does, then skipped to its end without
 * being kept, so one huge line costs neither memory nor the lines around it (readline keeps
 * the whole line, and a line of some hundreds of MB ended the process with a RangeError).
 */
export async function* boundedLines(
  stream: AsyncIterable<Buffer | string>,
  maxBytes: number,
): AsyncGenerator<StreamLine> {
  let parts: Buffer[] = [];
  let size = 0;
  let line = 1;
  let skipping = false;
  const take = (piece: Buffer): StreamLine | null => {
    if (skipping) return null;
    if (size + piece.length > maxBytes + 1) {
      // +1: a CRLF line's CR is not part of its text.
      parts = [];
      size = 0;
      skipping = true;
      return { line, overLong: true };
    }
    if (piece.length > 0) {
      parts.push(piece);
      size += piece.length;
    }
    return null;
  };
  const end = (): StreamLine | null => {
    let result: StreamLine | null = null;
    if (!skipping) {
      let text = Buffer.concat(parts, size).toString('utf8');
      if (text.endsWith('\r')) text = text.slice(0, -1);
      if (Buffer.byteLength(text) > maxBytes) result = { line, overLong: true };
      else result = { line, overLong: false, text };
    }
    parts = [];
    size = 0;
    skipping = false;
    line += 1;
    return result;
  };
  for await (const chunk of stream) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    let start = 0;
    for (;;) {
      const nl = bytes.indexOf(0x0a, start);
      const piece = bytes.subarray(start, nl < 0 ? bytes.length : nl);
      const over = take(piece);
      if (over) yield over;
      if (nl < 0) break;
      const done = end();
      if (done) yield done;
      start = nl + 1;
    }
  }
  // A last line without a newline; nothing at all after a final newline.
  if (size > 0 || skipping) {
    const done = end();
    if (done) yield done;
  }
}
