// Lint rules for every TypeScript file we write. Layer boundaries are checked separately by
// dependency-cruiser (see .dependency-cruiser.cjs), which runs in the same `npm run lint`.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  { ignores: ['node_modules/**', '**/build/**', 'coverage/**', '.tether/**', 'docs/**/*.json', 'bench/results.json'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  {
    // every storage call goes through src/forge/store/kvs.ts, which retries quota refusals (429)
    files: ['src/**/*.ts'],
    ignores: ['src/forge/store/kvs.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@forge/kvs',
              importNames: ['kvs', 'default'],
              message:
                "Use kvs from src/forge/store/kvs.ts: it retries Forge storage's 429s within the invocation's time.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['static/**/*.ts', 'static/**/*.tsx', 'test/static/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { module: 'writable', require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
);
