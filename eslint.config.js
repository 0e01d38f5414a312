// One lint setup for every workspace: typescript-eslint's recommended rules, plus the
// import boundaries of docs/ARCHITECTURE.md that the compiler cannot see.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

/** One layer's import rule: `patterns` of packages it must not import, with why. */
const layer = (patterns, paths = []) => ({ 'no-restricted-imports': ['error', { patterns, paths }] });
const upward = (message, ...groups) => ({ group: groups, message });
const WORKFLOWS_ROOT = {
  name: '@cadenza/workflows',
  message: 'import the workflow contracts (@cadenza/contracts): @cadenza/workflows is the worker bundle',
};

const workflowRules = layer([
  {
    group: ['@cadenza/activities', '@cadenza/activities/*'],
    allowTypeImports: true,
    message: 'workflows import activities by type only (proxyActivities)',
  },
  upward('workflows import only core, the contracts and activity types', '@cadenza/data*', '@cadenza/services*'),
  upward('workflows import only core, the contracts and activity types', '@cadenza/api*', '@cadenza/workers*'),
  {
    group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'typeorm', 'pg', 'ioredis'],
    message: 'workflow code must stay deterministic: do I/O in an activity',
  },
]);

module.exports = tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.venv/**', '.data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  // The layers (docs/ARCHITECTURE.md): core <- data <- services <- activities <- workers, and
  // services <- api; workflows see core, their contracts and activity types. Tests may compose them all.
  { files: ['workflows/src/**/*.ts'], ignores: ['**/*.test.ts'], rules: workflowRules },
  {
    files: ['contracts/src/**/*.ts'],
    rules: layer([
      upward(
        'the contracts are imported by every client: core and @temporalio/workflow only',
        '@cadenza/*',
        '!@cadenza/core',
        '../*',
      ),
      { group: ['@temporalio/*', '!@temporalio/workflow'], message: 'contracts use @temporalio/workflow define* only' },
    ]),
  },
  {
    files: ['data/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer([
      upward(
        'the data layer depends only on core',
        '@cadenza/services*',
        '@cadenza/activities*',
        '@cadenza/workflows*',
        '@cadenza/api*',
        '@cadenza/workers*',
      ),
    ]),
  },
  {
    files: ['services/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer(
      [
        upward(
          'services sit below activities, the API and the worker',
          '@cadenza/activities*',
          '@cadenza/api*',
          '@cadenza/workers*',
        ),
      ],
      [WORKFLOWS_ROOT],
    ),
  },
  {
    files: ['activities/src/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: layer(
      [upward('activities sit below the API and the worker', '@cadenza/api*', '@cadenza/workers*')],
      [WORKFLOWS_ROOT],
    ),
  },
  {
    files: ['api/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/*.test-support.ts'],
    rules: layer(
      [
        upward(
          'the API never loads the activities (LangChain, the local model) or the worker',
          '@cadenza/activities*',
          '@cadenza/workers*',
        ),
        upward('test support lives in *.test-support.ts files or the harness', '@cadenza/test-harness*'),
      ],
      [WORKFLOWS_ROOT],
    ),
  },
  {
    files: ['core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '@cadenza/*',
                '@temporalio/*',
                'typeorm',
                'pg',
                'ioredis',
                'express',
                'node:fs',
                'node:net',
                'node:http',
              ],
              message: 'core is pure: zod and small pure libraries only',
            },
          ],
        },
      ],
    },
  },
  // Every Temporal client and worker encrypts its payloads (issue 29): clients come from
  // cadenzaClient, workers from createWorker or with cadenzaDataConverter. The two exceptions
  // measure or probe plain Temporal on purpose: the benchmark's baseline and the runbook's CLI queries.
  {
    files: ['**/*.ts'],
    ignores: [
      'temporal/src/payload-codec/cadenza-client.ts',
      'bench/flow-throughput.ts',
      'scripts/deploy-checks/runbook-queries.int.test.ts',
    ],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@temporalio/client',
              importNames: ['Client', 'WorkflowClient', 'ScheduleClient'],
              allowTypeImports: true,
              message: 'make Temporal clients with cadenzaClient (@cadenza/temporal), which encrypts every payload',
            },
          ],
        },
      ],
    },
  },
  { files: ['web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
