import { defineConfig } from 'vitest/config';

// `npm test`: one run over every workspace, the browser tests in real Chromium included
// (they say they are skipped when /usr/bin/chromium is absent). The fault suite is separate:
// `npm run test:faults`.
export default defineConfig({
  test: {
    projects: [
      'packages/*',
      'apps/api',
      'apps/web/vitest.config.ts',
      'apps/web/vitest.e2e.config.ts',
      'scripts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
