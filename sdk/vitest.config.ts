import { defineConfig } from 'vitest/config';

// Unit tests of the SDK's pure parts; everything that talks to a server is in test/.
export default defineConfig({
  test: { include: ['test/**/*.test.ts'] },
});
