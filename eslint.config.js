// One lint config for every workspace; each package runs `eslint .` against it.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/.turbo/**', '.confab/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['sdk/src/**', 'sdk/examples/browser/**', 'widget/src/**', 'admin/src/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    rules: {
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    files: [
      'scripts/**',
      'sdk/scripts/**',
      'widget/scripts/**',
      'test/**',
      'examples/**',
      '**/examples/**',
      '**/bench/**',
      '**/cli/**',
    ],
    rules: { 'no-console': 'off' },
  },
);
