import { seesHidden } from '../../middleware/auth.ts';
import { noStore, type AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

export const health: AppRouteHandler<typeof routes.health> = async (c) => {
  const archive = c.get('archive');
  const engine = c.get('engine');
  const engineReachable = await engine.healthy();
  noStore(c);
  return c.json(
    {
      status: engineReachable ? ('ok' as const) : ('degraded' as const),
      engine: engine.name,
      engineReachable,
      articles: archive.countArticles({ includeHidden: seesHidden(c.get('caller')) }),
      pendingIndexOps: archive.pendingIndexOps(),
    },
    200,
  );
};
