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
    // Slack's SDK only in the Slack adapter (and its tests); botbuilder only in the Teams one.
    files: ['adapters/slack/**', 'tests/slack/**', 'bench/slack/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['botbuilder', 'botbuilder-*', 'botframework-*'], message: 'botbuilder lives in adapters/teams only.' }] }] },
  },
  {
    files: ['adapters/teams/**', 'tests/teams/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['@slack/*'], message: 'Slack types live in adapters/slack only.' }] }] },
  },
);
