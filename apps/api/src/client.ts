import { hc } from 'hono/client';
import type { AppType } from './app.ts';

export type { AppType } from './app.ts';

/** The typed API client the web app uses (Hono RPC): `createClient('/').api.search.$get({ query })`. */
export function createClient(baseUrl: string, options?: Parameters<typeof hc>[1]) {
  return hc<AppType>(baseUrl, options);
}
export type Client = ReturnType<typeof createClient>;
