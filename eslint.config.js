// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**', 'scratch/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // We match control characters on purpose: to strip them from user text and ANSI codes.
      'no-control-regex': 'off',
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@slack/*'], message: 'Slack types live in adapters/slack only.' },
            { group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder lives in adapters/teams only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['adapters/slack/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['adapters/teams/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
);
