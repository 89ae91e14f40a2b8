// Shared per-workspace jest settings: swc transpiles TypeScript (type checking is `turbo run typecheck`).
const path = require('node:path');
module.exports = (dir) => ({
  displayName: path.basename(dir),
  rootDir: dir,
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  transform: { '^.+\\.ts$': [require.resolve('@swc/jest'), { jsc: { target: 'es2022' } }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testTimeout: 120000,
  // Idempotent: when the root run already started the shared broker and database, this reuses them.
  globalSetup: path.join(__dirname, 'packages/testkit/dist/jest/global-setup.js'),
  globalTeardown: path.join(__dirname, 'packages/testkit/dist/jest/global-teardown.js'),
});
