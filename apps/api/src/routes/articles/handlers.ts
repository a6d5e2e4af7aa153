import { forReaders } from '@newsarchive/archive';
import { NotFoundError, type Curator } from '@newsarchive/core';
import type { Caller } from '../../context.ts';
import { seesHidden } from '../../middleware/auth.ts';
import { noStore, setCacheHeaders, type AppRouteHandler } from '../../router.ts';
import type * as routes from './routes.ts';

/** The audit log's "who" for a token holder. */
export function curatorOf(caller: Caller): Curator {
  if (caller.role === 'reader') throw new Error('a reader cannot curate');
  return { tokenId: caller.token.id, name: caller.token.name, role: caller.role };
}

export const getArticle: AppRouteHandler<typeof routes.getArticle> = async (c) => {
  const caller = c.get('caller');
  const { id } = c.req.valid('param');
  const includeHidden = seesHidden(caller);
  const found = c.get('archive').getArticle(id, { includeHidden });
  if (!found) throw new NotFoundError(`no article ${id}`);
  // The origin is a path on the server's disk (or a feed URL): librarians see it whole, readers
  // only the file's name.
  const article = includeHidden ? found : forReaders(found);
  const otherVersions = c
    .get('archive')
    .storyVersions(article.storyId, { includeHidden })
    .filter((v) => v.id !== article.id && (includeHidden || v.status === 'visible'));
  setCacheHeaders(c, caller);
  // The story's size as this caller may see it: a hidden version must not show even as a count.
  const storySize = otherVersions.length + 1;
  return c.json(
    { article: { ...article, storySize }, otherVersions, provenance: article.source },
    200,
  );
};

export const patchArticle: AppRouteHandler<typeof routes.patchArticle> = async (c) => {
  const { id } = c.req.valid('param');
  const patch = c.req.valid('json');
  const article = c.get('archive').patchArticle(id, patch, curatorOf(c.get('caller')));
  await c.get('indexer').afterWrite();
  noStore(c);
  return c.json(article, 200);
};

export const articleHistory: AppRouteHandler<typeof routes.articleHistory> = async (c) => {
  const { id } = c.req.valid('param');
  if (!c.get('archive').getArticle(id, { includeHidden: true }))
    throw new NotFoundError(`no article ${id}`);
  noStore(c);
  return c.json({ id, entries: c.get('archive').history('article', id) }, 200);
};
