import { loadServerEnv, serverConfigFrom } from './env.ts';
import { shutdownOnSignals, startServer } from './server.ts';

/**
 * The API server on its own, configured from the environment (`node --import tsx
 * apps/api/src/main.ts`). `npm start` goes through scripts/src/start.ts, which also seeds an
 * empty archive with the sample collection first.
 */
const handle = await startServer(serverConfigFrom(loadServerEnv()));
shutdownOnSignals(handle);
