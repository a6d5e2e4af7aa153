import { shutdownOnSignals, startServer } from '@newsarchive/api';

// The API server as its own process for the load test (so its RSS is the server's alone):
// `node --import tsx tests/faults/support/serve.ts <archive.db>`; prints {"url": ...} when listening.
const archivePath = process.argv[2];
if (!archivePath) throw new Error('usage: serve.ts <archive.db>');
const handle = await startServer({
  archivePath,
  engine: 'embedded',
  meiliIndex: 'articles',
  host: '127.0.0.1',
  port: 0,
  logLevel: 'warn',
  api: { rateLimitPerMinute: 0, webDist: null },
  indexIntervalMs: 500,
});
shutdownOnSignals(handle);
process.stdout.write(`${JSON.stringify({ url: handle.url })}\n`);
