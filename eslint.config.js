import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';

/** A zone forbidding `src/engine/<target>` to import from the later layers `from`. */
function layer(target, from) {
  return {
    target: `./src/engine/${target}`,
    from: from.map((f) => `./src/engine/${f}`),
    message: `${target} comes before ${from.join(', ')} in the data flow (docs/architecture.md)`,
  };
}

export default tseslint.config(
  { ignores: ['*.tmp.mjs', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [
        createNodeResolver({ extensions: ['.ts', '.tsx', '.js', '.mjs', '.json'] }),
      ],
    },
    rules: {
      'import-x/no-cycle': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The engine is deterministic and environment-agnostic: virtual time, seeded randomness,
    // no DOM, no network, and it never reaches into the UI.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-globals': ['error', 'setTimeout', 'setInterval', 'fetch', 'performance', 'window', 'document'],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'use the virtual clock' },
        { object: 'Math', property: 'random', message: 'use the seeded generator' },
      ],
      'no-restricted-imports': ['error', { patterns: ['**/ui/**', '**/workers/**', 'react', 'node:*', 'fs', 'path'] }],
    },
  },
  {
    // The engine's layers follow the data flow: a layer imports only from the layers before it
    // (common, errors, types <- sql <- expr, script <- plan <- runtime <- connectors <- sim <- edit
    // and export, index; lineage after plan). Tests may reach across to build fixtures.
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts', 'src/engine/**/testkit.ts'],
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            layer('common', ['sql', 'expr', 'script', 'plan', 'runtime', 'connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('sql', ['expr', 'script', 'plan', 'runtime', 'connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('expr', ['script', 'plan', 'runtime', 'connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('script', ['plan', 'runtime', 'connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('plan', ['runtime', 'connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('runtime', ['connectors', 'sim', 'edit', 'export', 'lineage']),
            layer('connectors', ['sim', 'edit', 'export', 'lineage']),
            layer('sim', ['edit', 'export', 'lineage']),
            // Lineage reads the plan alone.
            layer('lineage', ['runtime', 'connectors', 'sim', 'edit', 'export']),
          ],
        },
      ],
    },
  },
  {
    files: ['src/ui/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      'react-hooks/rules-of-hooks': 'error',
      'react-hooks/exhaustive-deps': 'warn',
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/engine/*/**'], message: 'the UI uses only src/engine/index.ts' }] },
      ],
    },
  },
);
