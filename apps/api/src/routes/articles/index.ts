import { createRouter } from '../../router.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';

export const articlesRouter = createRouter()
  .openapi(routes.getArticle, handlers.getArticle)
  .openapi(routes.patchArticle, handlers.patchArticle)
  .openapi(routes.articleHistory, handlers.articleHistory);
