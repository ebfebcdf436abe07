import { defineConfig } from 'vitest/config';

// Unit, conformance and Node GPU-parity tests. Browser tests are Playwright's (e2e/).
export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts', 'test/**/*.test.ts'],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
