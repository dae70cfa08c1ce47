// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'var/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
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
