import { describe, expect, it } from 'vitest';
import { boundedLines, type StreamLine } from './lines.ts';

async function all(chunks: (string | Buffer)[], maxBytes: number): Promise<StreamLine[]> {
  const out: StreamLine[] = [];
  async function* stream() {
    yield* chunks;
  }
  for await (const l of boundedLines(stream(), maxBytes)) out.push(l);
  return out;
}

describe('boundedLines', () => {
  it('splits LF and CRLF lines across chunk boundaries, UTF-8 intact', async () => {
    const euro = Buffer.from('€');
    const lines = await all(
      [
        'a\r',
        '\nb',
        Buffer.concat([Buffer.from('c'), euro.subarray(0, 1)]),
        euro.subarray(1),
        '\n\nlast',
      ],
      100,
    );
    expect(lines).toEqual([
      { line: 1, overLong: false, text: 'a' },
      { line: 2, overLong: false, text: 'bc€' },
      { line: 3, overLong: false, text: '' },
      { line: 4, overLong: false, text: 'last' },
    ]);
  });

  it('reports a line over the limit by number, skips it, and keeps the lines after it', async () => {
    const lines = await all(
      ['ok\n', 'x'.repeat(6), 'x'.repeat(6), 'x\nfine\n', 'y'.repeat(11)],
      10,
    );
    expect(lines).toEqual([
      { line: 1, overLong: false, text: 'ok' },
      { line: 2, overLong: true },
      { line: 3, overLong: false, text: 'fine' },
      { line: 4, overLong: true },
    ]);
  });

  it('reports an over-long line while it is still arriving, without waiting for its end', async () => {
    // The stream sends 4 MB of one line, then waits until the reader has reported it: a reader
    // that kept the line until its newline would never report it, and this test would hang.
    let reported!: () => void;
    const seen = new Promise<void>((resolve) => (reported = resolve));
    async function* stream() {
      yield '{"title":"first"}\n';
      for (let i = 0; i < 4; i++) yield Buffer.alloc(1024 * 1024, 0x78);
      await seen;
      yield '\n{"title":"after"}\n';
    }
    const out: StreamLine[] = [];
    for await (const l of boundedLines(stream(), 1024 * 1024)) {
      out.push(l);
      if (l.overLong) reported();
    }
    expect(out).toEqual([
      { line: 1, overLong: false, text: '{"title":"first"}' },
      { line: 2, overLong: true },
      { line: 3, overLong: false, text: '{"title":"after"}' },
    ]);
  });
});
