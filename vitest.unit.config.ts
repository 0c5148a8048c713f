import { defineConfig } from 'vitest/config'

/** Unit tests only, without building dist/ first: `npx vitest run --config vitest.unit.config.ts test/audit`. */
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/cli/**', 'test/golden/**', '**/node_modules/**'],
    testTimeout: 60_000,
  },
})
