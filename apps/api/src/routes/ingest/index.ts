import { createRouter } from '../../router.ts';

export const ingestRouter = createRouter();
