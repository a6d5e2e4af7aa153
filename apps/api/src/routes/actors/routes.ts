import { createRoute, z } from '@hono/zod-openapi';
import {
  ActorMerge,
  ActorPatch,
  ActorType,
  DistinctActors,
  DuplicateSuggestion,
  RegistryActor,
} from '@newsarchive/core';
import { requireRole } from '../../middleware/auth.ts';
import { bearer, errors } from '../../openapi.ts';
import { ActorList, IdParam } from '../../schemas.ts';

const count = (name: string, max: number) =>
  z
    .string()
    .regex(/^\d{1,9}$/, `${name} must be a whole number`)
    .transform(Number)
    .pipe(z.number().max(max));

export const ActorListQuery = z.object({
  /** Text inside the actor's name or aliases. */
  q: z.string().max(200, 'q must be at most 200 characters').optional(),
  type: ActorType.optional(),
  limit: count('limit', 200)
    .pipe(z.number().min(1))
    .meta({ description: 'a whole number from 1 to 200 (default 50)' })
    .optional(),
  offset: count('offset', 1_000_000)
    .meta({ description: 'a whole number from 0 to 1,000,000' })
    .optional(),
});

export const listActors = createRoute({
  method: 'get',
  path: '/api/actors',
  tags: ['actors'],
  summary: 'The actor registry: list or search by name and alias, with paging',
  request: { query: ActorListQuery },
  responses: {
    200: {
      content: { 'application/json': { schema: ActorList } },
      description: 'One page of actors',
    },
    400: errors[400],
    401: errors[401],
  },
});

export const getActor = createRoute({
  method: 'get',
  path: '/api/actors/{id}',
  tags: ['actors'],
  summary: 'One actor with its aliases',
  request: { params: IdParam },
  responses: {
    200: { content: { 'application/json': { schema: RegistryActor } }, description: 'The actor' },
    400: errors[400],
    401: errors[401],
    404: errors[404],
  },
});

export const patchActor = createRoute({
  method: 'patch',
  path: '/api/actors/{id}',
  tags: ['actors'],
  summary: 'Rename, retype, add or remove aliases (librarian)',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: {
    params: IdParam,
    body: { content: { 'application/json': { schema: ActorPatch } }, required: true },
  },
  responses: {
    200: {
      content: { 'application/json': { schema: RegistryActor } },
      description: 'The actor after the change',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

export const mergeActors = createRoute({
  method: 'post',
  path: '/api/actors/merge',
  tags: ['actors'],
  summary: 'Merge aliases into one actor (librarian)',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: { body: { content: { 'application/json': { schema: ActorMerge } }, required: true } },
  responses: {
    200: {
      content: { 'application/json': { schema: RegistryActor } },
      description: 'The surviving actor',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

export const unmergeActor = createRoute({
  method: 'post',
  path: '/api/actors/{id}/unmerge',
  tags: ['actors'],
  summary: 'Undo the merge that took this actor away (librarian)',
  description:
    'The merged-away actor comes back with its spellings and the articles that named it; the ' +
    'survivor keeps what it had before the merge. Audited as `actor.unmerge`.',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: { params: IdParam },
  responses: {
    200: {
      content: { 'application/json': { schema: RegistryActor } },
      description: 'The actor, back in the registry',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
  },
});

export const actorSuggestions = createRoute({
  method: 'get',
  path: '/api/actors/suggestions',
  tags: ['actors'],
  summary: 'Likely duplicates in the registry, for a librarian to merge or dismiss (librarian)',
  description:
    'Pairs such as "Antony J. Blinken" and "Antony Blinken" (middle initial), "A. Blinken" (an ' +
    'initial, when one full name fits), "Abu Daqqa" and "Samer Abu Daqqa" (part of a name), ' +
    '"Qassam Brigades" and "Al Qassam Brigades" (article). Merging one answers it; a pair ' +
    'dismissed with POST /api/actors/distinct is not suggested again.',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: {
    query: z.object({
      limit: count('limit', 200)
        .pipe(z.number().min(1))
        .meta({ description: 'a whole number from 1 to 200 (default 50)' })
        .optional(),
    }),
  },
  responses: {
    200: {
      content: {
        'application/json': { schema: z.object({ suggestions: z.array(DuplicateSuggestion) }) },
      },
      description: 'Suggestions, best-known survivors first',
    },
    400: errors[400],
    401: errors[401],
    403: errors[403],
  },
});

export const markDistinct = createRoute({
  method: 'post',
  path: '/api/actors/distinct',
  tags: ['actors'],
  summary: 'Say two actors are different, so they are not suggested as duplicates (librarian)',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: {
    body: { content: { 'application/json': { schema: DistinctActors } }, required: true },
  },
  responses: {
    204: { description: 'Recorded (audited as actor.distinct)' },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});

export const deleteActor = createRoute({
  method: 'delete',
  path: '/api/actors/{id}',
  tags: ['actors'],
  summary: 'Remove an actor from the registry and from every article (librarian)',
  security: bearer,
  middleware: [requireRole('librarian')] as const,
  request: { params: IdParam },
  responses: {
    204: { description: 'Deleted' },
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
  },
});
