import { createRouter } from '../../router.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';

// Literal paths before /{id} ones.
export const storiesRouter = createRouter()
  .openapi(routes.splitStory, handlers.splitStory)
  .openapi(routes.joinStories, handlers.joinStories)
  .openapi(routes.undoStory, handlers.undoStory)
  .openapi(routes.getStory, handlers.getStory);
