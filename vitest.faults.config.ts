import { defineConfig } from 'vitest/config';

// Fault, load and hostile-input tests (npm run test:faults). Kept out of `npm test`: the full run
// takes about 20 minutes. One file at a time so timings and RSS figures are not skewed by a
// neighbour; the runner (scripts/src/test-faults.ts) sets FAULTS_MODE=short|full.
export default defineConfig({
  test: {
    include: ['tests/faults/**/*.faults.test.ts'],
    fileParallelism: false,
    testTimeout: 40 * 60_000,
    hookTimeout: 5 * 60_000,
    reporters: ['verbose'],
  },
});
