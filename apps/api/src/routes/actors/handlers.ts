import { NotFoundError } from '@newsarchive/core';
import { noStore, type AppRouteHandler } from '../../router.ts';
import { curatorOf } from '../articles/handlers.ts';
import { seesHidden } from '../../middleware/auth.ts';
import type * as routes from './routes.ts';

export const listActors: AppRouteHandler<typeof routes.listActors> = async (c) => {
  const { q, type, limit = 50, offset = 0 } = c.req.valid('query');
  // One extra row tells whether another page exists without a separate count.
  const rows = c.get('archive').actors.list({
    q: q || undefined,
    type,
    limit: limit + 1,
    offset,
    includeHidden: seesHidden(c.get('caller')),
  });
  noStore(c);
  return c.json({ actors: rows.slice(0, limit), limit, offset, hasMore: rows.length > limit }, 200);
};

export const getActor: AppRouteHandler<typeof routes.getActor> = async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.get('archive').actors.get(id, { includeHidden: seesHidden(c.get('caller')) });
  if (!actor) throw new NotFoundError(`no actor ${id}`);
  noStore(c);
  return c.json(actor, 200);
};

export const patchActor: AppRouteHandler<typeof routes.patchActor> = async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.get('archive').actors.update(id, c.req.valid('json'), curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json(actor, 200);
};

export const mergeActors: AppRouteHandler<typeof routes.mergeActors> = async (c) => {
  const actor = c.get('archive').actors.merge(c.req.valid('json'), curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json(actor, 200);
};

export const unmergeActor: AppRouteHandler<typeof routes.unmergeActor> = async (c) => {
  const { id } = c.req.valid('param');
  const actor = c.get('archive').actors.unmerge(id, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json(actor, 200);
};

export const actorSuggestions: AppRouteHandler<typeof routes.actorSuggestions> = async (c) => {
  const { limit = 50 } = c.req.valid('query');
  noStore(c);
  return c.json({ suggestions: c.get('archive').actors.suggestDuplicates({ limit }) }, 200);
};

export const markDistinct: AppRouteHandler<typeof routes.markDistinct> = async (c) => {
  const { a, b } = c.req.valid('json');
  c.get('archive').actors.markDistinct(a, b, curatorOf(c.get('caller')));
  return c.body(null, 204);
};

export const deleteActor: AppRouteHandler<typeof routes.deleteActor> = async (c) => {
  const { id } = c.req.valid('param');
  c.get('archive').actors.delete(id, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  return c.body(null, 204);
};
