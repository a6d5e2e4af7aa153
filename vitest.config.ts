import { defineConfig } from 'vitest/config';

// One run over every workspace; each workspace may add its own vitest.config.ts project.
export default defineConfig({
  test: {
    projects: ['packages/*', 'apps/api', 'apps/web', 'scripts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
