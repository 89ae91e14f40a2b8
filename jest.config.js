// One jest run over every workspace: one global setup starts one Kafka broker and one
// MongoDB-compatible server for the whole suite (see packages/testkit).
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/packages/*/jest.config.js',
    '<rootDir>/infra/local/jest.config.js',
    '<rootDir>/infra/checks/jest.config.js',
    '<rootDir>/infra/platform/jest.config.js',
    '<rootDir>/services/*/jest.config.js',
  ],
  globalSetup: '<rootDir>/packages/testkit/dist/jest/global-setup.js',
  globalTeardown: '<rootDir>/packages/testkit/dist/jest/global-teardown.js',
  testTimeout: 120000,
};
