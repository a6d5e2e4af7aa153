import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LoadClient } from './load-client.ts';

let server: Server | null = null;
let client: LoadClient | null = null;
afterEach(async () => {
  client?.close();
  await new Promise((r) => (server ? server.close(r) : r(null)));
  server = null;
  client = null;
});

/** A raw TCP server answering each request with `answer(n)`'s pieces, written one by one. */
async function serve(answer: (n: number) => string[]): Promise<number> {
  server = createServer((socket) => {
    let n = 0;
    socket.on('data', async () => {
      for (const piece of answer(n++)) {
        socket.write(piece);
        await new Promise((r) => setTimeout(r, 5));
      }
    });
  });
  await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
  return (server.address() as { port: number }).port;
}

const answer = (status: number, body: string, extra = '') =>
  `HTTP/1.1 ${status} X\r\nContent-Length: ${Buffer.byteLength(body)}\r\n${extra}\r\n${body}`;

describe('the bench load client', () => {
  it('reads status and Server-Timing, and frames answers by Content-Length across pieces', async () => {
    const big = 'x'.repeat(200_000);
    const port = await serve((n) => {
      const whole = answer(
        n === 0 ? 200 : 404,
        n === 0 ? big : '{}',
        'Server-Timing: app;dur=1.5\r\n',
      );
      // The head split mid-line, then the body in two pieces.
      return [whole.slice(0, 20), whole.slice(20, 100_000), whole.slice(100_000)];
    });
    client = await LoadClient.open(port, 1);
    expect(await client.get('/a')).toEqual({ status: 200, serverTiming: 'app;dur=1.5' });
    expect(await client.get('/b')).toEqual({ status: 404, serverTiming: 'app;dur=1.5' });
  });

  it('refuses an answer it cannot frame rather than guessing', async () => {
    const port = await serve(() => [
      'HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n',
    ]);
    client = await LoadClient.open(port, 1);
    await expect(client.get('/')).rejects.toThrow(/cannot frame/);
  });

  it('fails the request in flight when the server closes the connection', async () => {
    server = createServer((socket) => socket.on('data', () => socket.destroy()));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', r));
    client = await LoadClient.open((server.address() as { port: number }).port, 2);
    await expect(client.get('/')).rejects.toThrow(/closed/);
  });
});
