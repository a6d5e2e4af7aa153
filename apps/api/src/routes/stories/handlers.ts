import { NotFoundError } from '@newsarchive/core';
import { seesHidden } from '../../middleware/auth.ts';
import { noStore, setCacheHeaders, type AppRouteHandler } from '../../router.ts';
import { curatorOf } from '../articles/handlers.ts';
import type * as routes from './routes.ts';

export const getStory: AppRouteHandler<typeof routes.getStory> = async (c) => {
  const { id } = c.req.valid('param');
  const caller = c.get('caller');
  const view = c.get('archive').stories.coverage(id, { includeHidden: seesHidden(caller) });
  // A story of hidden articles only is, for a reader, a story that does not exist.
  if (!view) throw new NotFoundError(`no story ${id}`);
  setCacheHeaders(c, caller);
  return c.json(view, 200);
};

export const splitStory: AppRouteHandler<typeof routes.splitStory> = async (c) => {
  const { article } = c.req.valid('json');
  const storyId = c.get('archive').stories.split(article, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json({ storyId }, 200);
};

export const joinStories: AppRouteHandler<typeof routes.joinStories> = async (c) => {
  const { article, into } = c.req.valid('json');
  const storyId = c.get('archive').stories.join(article, into, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json({ storyId }, 200);
};

export const undoStory: AppRouteHandler<typeof routes.undoStory> = async (c) => {
  const { article } = c.req.valid('json');
  const storyId = c.get('archive').stories.undo(article, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json({ storyId }, 200);
};
