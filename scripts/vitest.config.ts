import { defineProject } from 'vitest/config';

// These tests run the commands as real processes, so they get a process's time budget.
export default defineProject({
  test: { name: '@newsarchive/scripts', testTimeout: 180_000, hookTimeout: 60_000 },
});
