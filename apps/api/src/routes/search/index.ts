import { createRouter } from '../../router.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';

export const searchRouter = createRouter()
  .openapi(routes.search, handlers.search)
  .openapi(routes.facet, handlers.facet);
