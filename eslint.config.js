// One lint setup for every workspace: typescript-eslint's recommended rules, plus the
// import boundaries of docs/ARCHITECTURE.md that the compiler cannot see.
const js = require('@eslint/js');
const tseslint = require('typescript-eslint');
const globals = require('globals');

const onlyTypeImportsOfActivities = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        {
          group: ['@cadenza/activities*', '@cadenza/api*', '@cadenza/workers*'],
          allowTypeImports: true,
          message: 'workflows import activities by type only (proxyActivities)',
        },
        {
          group: ['node:*', 'fs', 'path', 'crypto', 'http', 'https', 'typeorm', 'pg', 'ioredis'],
          message: 'workflow code must stay deterministic: do I/O in an activity',
        },
      ],
    },
  ],
};

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
  { files: ['workflows/src/**/*.ts'], ignores: ['**/*.test.ts'], rules: onlyTypeImportsOfActivities },
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
  { files: ['web/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['**/*.js', '**/*.mjs'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
