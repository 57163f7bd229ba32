import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules', 'cdk.out', '.data', 'coverage', 'test-results'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Validation matches control characters on purpose (the contract rejects them in text).
      'no-control-regex': 'off',
    },
  },
  {
    // The pages' browser script: a classic script run as-is by the browser (ES5, no modules).
    files: ['shared/views/assets/**/*.js'],
    languageOptions: {
      ecmaVersion: 5,
      sourceType: 'script',
      globals: { document: 'readonly', localStorage: 'readonly', window: 'readonly' },
    },
    rules: {
      // Storage may be unavailable (private mode, full): the form works without a draft.
      '@typescript-eslint/no-unused-vars': ['error', { caughtErrors: 'none' }],
      'no-empty': ['error', { allowEmptyCatch: true }],
    },
  },
  {
    // The core is pure: it declares ports (shared/core/ports.ts) instead of reaching up or out.
    files: ['shared/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: [
                '**/views/**',
                '**/adapters/**',
                '**/functions/**',
                '**/bin/**',
                '**/local/**',
                '**/infra/**',
              ],
              message:
                'shared/core imports nothing above it: declare a port in shared/core/ports.ts instead.',
            },
            { group: ['@aws-sdk/*'], message: 'shared/core is pure: AWS belongs in shared/adapters.' },
          ],
        },
      ],
    },
  },
  {
    // Views render what the core means; they never reach storage or mail.
    files: ['shared/views/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/adapters/**', '**/functions/**', '**/bin/**', '**/local/**', '**/infra/**'],
              message: 'shared/views use the core only: pass what a view needs as a parameter.',
            },
            { group: ['@aws-sdk/*'], message: 'shared/views hold no AWS: that belongs in shared/adapters.' },
          ],
        },
      ],
    },
  },
);
