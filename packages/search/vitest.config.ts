import { defineProject } from 'vitest/config';

// The Meilisearch contract run waits on a real server's task queue.
export default defineProject({ test: { testTimeout: 60_000, hookTimeout: 120_000 } });
