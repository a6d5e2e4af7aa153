import { createRoute, z } from '@hono/zod-openapi';
import { Id, StoryCoverage } from '@newsarchive/core';
import { requireRole } from '../../middleware/auth.ts';
import { bearer, errors } from '../../openapi.ts';
import { IdParam } from '../../schemas.ts';

export const StoryAnswer = z.object({
  /** The article's story after the correction. */
  storyId: Id,
});

export const getStory = createRoute({
  method: 'get',
  path: '/api/stories/{id}',
  tags: ['stories'],
  summary: "A story's coverage: its articles by outlet and time, and the actors they share",
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/json': { schema: StoryCoverage } },
      description: 'The coverage view (readers see visible articles only)',
    },
    400: errors[400],
    401: errors[401],
    404: errors[404],
  },
});

const correction = <Path extends string, Body extends z.ZodType>(
  path: Path,
  summary: string,
  body: Body,
  audited: string,
) =>
  createRoute({
    method: 'post',
    path,
    tags: ['stories'],
    summary,
    security: bearer,
    middleware: [requireRole('librarian')] as const,
    request: { body: { content: { 'application/json': { schema: body } }, required: true } },
    responses: {
      200: {
        content: { 'application/json': { schema: StoryAnswer } },
        description: `Done (audited as ${audited} on the article)`,
      },
      400: errors[400],
      401: errors[401],
      403: errors[403],
      404: errors[404],
      409: errors[409],
    },
  });

export const SplitRequest = z.object({ article: Id });
export const JoinRequest = z.object({ article: Id, into: Id });

export const splitStory = correction(
  '/api/stories/split',
  'Take an article out of its story; it stands alone through re-ingest and regrouping (librarian)',
  SplitRequest,
  'story.split',
);
export const joinStories = correction(
  '/api/stories/join',
  "Make one story of two articles' stories (librarian)",
  JoinRequest,
  'story.join',
);
export const undoStory = correction(
  '/api/stories/undo',
  "Remove an article's split and joins; its story is drawn afresh (librarian)",
  SplitRequest,
  'story.undo',
);
