/**
 * Three projects, one command (`npm test`):
 *  - unit: pure logic and handlers with the SDK mocked at the client edge (no network);
 *  - infra: CDK template assertions and cdk-nag (bundling skipped, see test/support/synth.ts);
 *  - integration: the real handlers against the local emulators, started by the global setup.
 * @swc/jest compiles TypeScript, and the ESM-only middy packages and grammy/web, to CommonJS for jest.
 */
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript' }, target: 'es2023' },
    module: { type: 'commonjs' },
  },
];

const shared = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  // middy ships ESM only ("import" export condition); point jest's CommonJS resolver at the file.
  moduleNameMapper: { '^@middy/(core|util)$': '<rootDir>/node_modules/@middy/$1/index.js' },
  transformIgnorePatterns: ['/node_modules/(?!@middy/|grammy/)'],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/test/fixtures/quiet-logs.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/test/unit/**/*.test.ts'] },
    { ...shared, displayName: 'infra', testMatch: ['<rootDir>/test/infra/**/*.test.ts'] },
    {
      ...shared,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/integration/**/*.test.ts'],
      globalSetup: '<rootDir>/test/support/integration-setup.ts',
      globalTeardown: '<rootDir>/test/support/integration-teardown.ts',
    },
  ],
};
