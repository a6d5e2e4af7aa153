import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// Component tests in happy-dom; the browser tests in e2e/ have their own config.
export default defineConfig({
  plugins: [react()],
  test: {
    name: 'web',
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
  },
});
