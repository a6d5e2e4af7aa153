import { createRoute } from '@hono/zod-openapi';
import { Article, ArticlePatch } from '@newsarchive/core';
import { requireRole } from '../../middleware/auth.ts';
import { bearer, errors } from '../../openapi.ts';
import { ArticleHistory, ArticlePage, IdParam } from '../../schemas.ts';

export const getArticle = createRoute({
  method: 'get',
  path: '/api/articles/{id}',
  tags: ['articles'],
  summary: "One article: full text, the story's other versions, provenance",
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/json': { schema: ArticlePage } },
      description: 'The article page',
    },
    400: errors[400],
    401: errors[401],
    404: errors[404],
  },
});

export const patchArticle = createRoute({
  method: 'patch',
  path: '/api/articles/{id}',
  tags: ['articles'],
  summary: "A librarian's correction (audited; survives re-ingest and re-index)",
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: ArticlePatch } }, required: true },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: Article } },
      description: 'The article with the change applied',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    413: errors[413],
  },
});

export const articleHistory = createRoute({
  method: 'get',
  path: '/api/articles/{id}/history',
  tags: ['articles'],
  summary: 'Audit entries for one article (librarian)',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/json': { schema: ArticleHistory } },
      description: 'Audit entries, oldest first',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
