// Lint: typescript-eslint (type-aware) for the kit and its tests, plus the Lit and web-components rules for elements.
import js from '@eslint/js';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'server/dist/', 'node_modules/', 'custom-elements.json', 'test/compat/upstream/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [tseslint.configs.recommendedTypeChecked],
    languageOptions: {
      // The kit is checked with its own tsconfig (the types it ships with); tests with test/tsconfig.json; the framework
      // examples with theirs (against the built package's typings).
      parserOptions: {
        project: [
          './tsconfig.json',
          './test/tsconfig.json',
          './server/tsconfig.json',
          './server/test/tsconfig.json',
          './demo/examples/tsconfig.json',
          './demo/examples/vue/tsconfig.json',
          './demo/examples/svelte/tsconfig.json',
          './demo/examples/angular/tsconfig.json',
          './test/types/angular/tsconfig.json',
        ],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Page callbacks and event listeners are fire-and-forget by design; promises we drop are marked `void`.
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
      // node:test's describe/it return promises the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        {
          allowForKnownSafeCalls: [
            { from: 'package', package: 'node:test', name: ['describe', 'it', 'test', 'suite', 'before', 'after'] },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'src/**/*.test.ts', 'server/test/**/*.ts'],
    rules: {
      // Tests read raw wire data and page globals on purpose: typed `any` is what they inspect.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['test/browser/**/*.ts', 'src/**/*.test.ts'],
    rules: {
      // @open-wc/semantic-dom-diff types every `expect(…).to.equal(…)` as a Promise, though it only is for DOM diffs.
      '@typescript-eslint/no-floating-promises': 'off',
    },
  },
  {
    files: ['src/elements/**/*.ts', 'src/define/**/*.ts'],
    extends: [lit.configs['flat/recommended'], wc.configs['flat/recommended']],
  },
  {
    files: ['**/*.mjs', '**/*.cjs', 'demo/**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
