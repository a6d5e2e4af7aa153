import { createRouter } from '../../router.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';

// Literal paths before /{id} ones.
export const actorsRouter = createRouter()
  .openapi(routes.listActors, handlers.listActors)
  .openapi(routes.mergeActors, handlers.mergeActors)
  .openapi(routes.actorSuggestions, handlers.actorSuggestions)
  .openapi(routes.markDistinct, handlers.markDistinct)
  .openapi(routes.getActor, handlers.getActor)
  .openapi(routes.unmergeActor, handlers.unmergeActor)
  .openapi(routes.patchActor, handlers.patchActor)
  .openapi(routes.deleteActor, handlers.deleteActor);
