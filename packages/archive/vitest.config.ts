import { defineProject } from 'vitest/config';

// Generous limits: CI machines have two cores and other suites run beside this one.
export default defineProject({
  test: { name: '@newsarchive/archive', testTimeout: 60_000, hookTimeout: 120_000 },
});
