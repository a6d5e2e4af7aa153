import { createRoute } from '@hono/zod-openapi';
import { errors } from '../../openapi.ts';
import { Health } from '../../schemas.ts';

export const health = createRoute({
  method: 'get',
  path: '/api/health',
  tags: ['health'],
  summary: 'Is the archive and the search engine answering; how much is waiting to be indexed',
  responses: {
    200: {
      content: { 'application/json': { schema: Health } },
      description: 'Health (status degraded when the engine is down)',
    },
    401: errors[401],
  },
});
