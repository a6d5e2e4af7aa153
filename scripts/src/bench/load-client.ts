import { connect, type Socket } from 'node:net';

/** What the bench needs of an answer: its status and, when sent, its Server-Timing header. */
export interface LoadAnswer {
  status: number;
  serverTiming: string | null;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/**
 * One kept-alive HTTP/1.1 connection sending GETs one at a time and reading answers framed by
 * Content-Length (as the API sends every answer); anything else is an error, not a guess.
 */
class Connection {
  private head: Buffer | null = null;
  private bodyLeft = 0;
  private answer: LoadAnswer | null = null;
  private waiting: { resolve(a: LoadAnswer): void; reject(e: Error): void } | null = null;
  private failure: Error | null = null;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    socket.on('error', (err) => this.fail(err));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  get(path: string, host: string): Promise<LoadAnswer> {
    if (this.failure) return Promise.reject(this.failure);
    if (this.waiting) return Promise.reject(new Error('a request is already in flight'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(`GET ${path} HTTP/1.1\r\nHost: ${host}\r\n\r\n`);
    });
  }

  close(): void {
    this.failure ??= new Error('closed');
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    if (!this.answer) {
      const head = this.head ? Buffer.concat([this.head, chunk]) : chunk;
      const end = head.indexOf(HEAD_END);
      if (end < 0) {
        this.head = head;
        return;
      }
      this.head = null;
      const lines = head.toString('latin1', 0, end).split('\r\n');
      const status = /^HTTP\/1\.[01] (\d{3})/.exec(lines[0] ?? '');
      let length: number | null = null;
      let serverTiming: string | null = null;
      for (const line of lines.slice(1)) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        if (name === 'content-length') length = Number(value);
        else if (name === 'server-timing') serverTiming = value;
        else if (name === 'transfer-encoding') length = Number.NaN;
      }
      if (!status || length === null || !Number.isInteger(length)) {
        this.fail(
          new Error(
            `an answer this client cannot frame: ${lines[0]} (${lines.length} header lines)`,
          ),
        );
        return;
      }
      this.answer = { status: Number(status[1]), serverTiming };
      this.bodyLeft = length;
      chunk = head.subarray(end + HEAD_END.length);
    }
    this.bodyLeft -= chunk.length;
    if (this.bodyLeft < 0) {
      this.fail(new Error('the server sent more than the answer it announced'));
      return;
    }
    if (this.bodyLeft === 0) {
      const done = this.answer;
      const waiting = this.waiting;
      this.answer = null;
      this.waiting = null;
      waiting?.resolve(done);
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    const waiting = this.waiting;
    this.waiting = null;
    waiting?.reject(err);
  }
}

/**
 * The bench's load generator: `size` kept-alive connections to 127.0.0.1:`port`, a GET on
 * whichever is free. Hand-written rather than node:http, undici or autocannon on purpose: on a
 * 2-core machine the load generator shares the cores with the server, so its CPU per request
 * comes out of the server's and shows up as the API's latency. Those libraries spent 160-290 µs
 * per 47 KB answer here; this spends about half, and the bench prints what it spent.
 */
export class LoadClient {
  private readonly idle: Connection[] = [];
  private readonly all: Connection[] = [];

  private constructor(private readonly host: string) {}

  static async open(port: number, size: number): Promise<LoadClient> {
    const client = new LoadClient(`127.0.0.1:${port}`);
    for (let i = 0; i < size; i++) {
      const socket = connect(port, '127.0.0.1');
      await new Promise<void>((resolve, reject) => {
        socket.once('connect', resolve);
        socket.once('error', reject);
      });
      const connection = new Connection(socket);
      client.all.push(connection);
      client.idle.push(connection);
    }
    return client;
  }

  async get(path: string): Promise<LoadAnswer> {
    const connection = this.idle.pop();
    if (!connection) throw new Error('more requests in flight than connections');
    try {
      return await connection.get(path, this.host);
    } finally {
      this.idle.push(connection);
    }
  }

  close(): void {
    for (const c of this.all) c.close();
  }
}
