import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import { configs as wcConfigs } from 'eslint-plugin-wc';

export default tseslint.config(
  { ignores: ['dist/**', 'storybook-static/**', 'node_modules/**', 'custom-elements.json', 'bench/results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  wcConfigs['flat/recommended'],
  litConfigs['flat/recommended'],
  {
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // The security rules: user text reaches the DOM only through Lit bindings.
      'lit/no-template-bind': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name=/^(innerHTML|outerHTML)$/]", message: 'No innerHTML/outerHTML: render through Lit templates.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'No insertAdjacentHTML: render through Lit templates.' },
        { selector: "CallExpression[callee.object.name='document'][callee.property.name='write']", message: 'No document.write.' },
        { selector: 'TSEnumDeclaration', message: 'No enums: use string literal unions.' },
        { selector: 'TSModuleDeclaration[kind="namespace"]', message: 'No namespaces: use modules.' },
      ],
      'no-restricted-imports': ['error', { paths: [{ name: 'lit/directives/unsafe-html.js', message: 'unsafeHTML is forbidden: user text is rendered as text.' }, { name: 'lit/directives/unsafe-svg.js', message: 'unsafeSVG is forbidden.' }] }],
    },
  },
  {
    files: ['src/engine/**', 'src/core/**'],
    rules: {
      // The engine and contract run in browsers and Node alike: no DOM, no Node built-ins.
      'no-restricted-globals': ['error', 'document', 'window', 'localStorage', 'navigator', 'process', 'Buffer', 'require'],
      'no-restricted-imports': ['error', { patterns: ['node:*', 'lit', 'lit/*', '@lit/*'] }],
    },
  },
  {
    // The reference server runs on Node; its browser half (the HTTP adapter) must not reach into it.
    files: ['src/server/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['src/adapters/http/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'lit/directives/unsafe-html.js', message: 'unsafeHTML is forbidden: user text is rendered as text.' },
            { name: 'lit/directives/unsafe-svg.js', message: 'unsafeSVG is forbidden.' },
          ],
          patterns: [
            { group: ['node:*'], message: 'HttpAdapter runs in browsers: no Node built-ins.' },
            { group: ['**/server/**', '**/engine/**'], message: 'HttpAdapter runs in browsers: it must not import the server or the engine.' },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.mjs', 'bench/**', 'scripts/**', '*.config.*', 'test/node/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['test/**', 'stories/**', 'bench/**', '*.config.*', '.storybook/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off', '@typescript-eslint/no-unused-expressions': 'off' },
  },
);
