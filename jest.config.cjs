/**
 * Jest runs in ESM mode because NestJS 12 packages are ESM-only (README, Toolchain).
 * Two projects: `unit` (pure rules beside the code, no database) and `e2e` (test/, real PostgreSQL,
 * migrated once into a template database by the global set-up).
 */
const base = {
  testEnvironment: 'node',
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  transform: {
    '^.+\\.tsx?$': [
      'ts-jest',
      {
        useESM: true,
        tsconfig: {
          module: 'esnext',
          moduleResolution: 'bundler',
          isolatedModules: true,
          jsx: 'react-jsx',
        },
      },
    ],
  },
};

module.exports = {
  testTimeout: 30000,
  // Jest's default on a 2-core machine is one worker: the e2e files spend most of their time
  // waiting on PostgreSQL, Chromium and the network, so two run side by side in about 60 % of
  // the time. Each file has its own database and app instance (test/support/test-app.ts).
  maxWorkers: 2,
  projects: [
    {
      ...base,
      displayName: 'unit',
      rootDir: '.',
      roots: ['<rootDir>/src'],
      testRegex: '\\.spec\\.ts$',
    },
    {
      ...base,
      displayName: 'e2e',
      rootDir: '.',
      roots: ['<rootDir>/test'],
      testRegex: '\\.e2e-spec\\.ts$',
      globalSetup: '<rootDir>/test/setup/global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
    },
  ],
};
