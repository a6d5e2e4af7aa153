import { createRouter } from '../../router.ts';
import * as handlers from './handlers.ts';
import * as routes from './routes.ts';

export const ingestRouter = createRouter().openapi(routes.ingest, handlers.ingest);
