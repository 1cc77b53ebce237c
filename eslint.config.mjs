// The lint gate of `npm test` (`nx run-many -t lint`: ESLint, then dpdm for import cycles, per project).
// Formatting is Prettier's job; nothing here is a formatting rule.
import js from '@eslint/js';
import nx from '@nx/eslint-plugin';
import angular from 'angular-eslint';
import simpleImportSort from 'eslint-plugin-simple-import-sort';
import { defineConfig } from 'eslint/config';
import tseslint from 'typescript-eslint';

const TS_FILES = ['**/*.ts', '**/*.mts', '**/*.cts'];
/** Test code: specs beside the code, the API's integration tests and their support, the emulator's own test support. */
const TEST_FILES = ['**/*.spec.ts', 'apps/api/src/test/**/*.ts', 'apps/web/src/test-setup.ts', 'apps/web/src/app/testing/**/*.ts'];

/**
 * Project tags (project.json) → what a project may import. `type:` keeps apps on top, contracts and
 * utilities below and test support out of shipped code; `platform:` keeps Node-only code out of the browser.
 *   type:app           api, web                      type:contracts     contracts (wire types, pure)
 *   type:e2e           web-e2e                       type:util          embedded-azurite, embedded-livekit (the API
 *   type:tool          bench                                            starts them for `npm start`; tests too),
 *   type:checks        deploy                                           embedded-recorder (the API records with it)
 *                                                    type:test-support  livekit-emulator, livekit-browser,
 *                                                                       media-checks (tests, e2e, bench, demos)
 * Tests of apps and utilities may use test support; their shipped code may not.
 */
function dependencyConstraints({ inTests }) {
  const shipped = ['type:contracts', 'type:util'];
  return [
    { sourceTag: 'type:app', onlyDependOnLibsWithTags: inTests ? [...shipped, 'type:test-support'] : shipped },
    { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: [...shipped, 'type:test-support'] },
    { sourceTag: 'type:tool', onlyDependOnLibsWithTags: [...shipped, 'type:test-support'] },
    { sourceTag: 'type:checks', onlyDependOnLibsWithTags: [] },
    { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: [...shipped, 'type:test-support'] },
    { sourceTag: 'type:util', onlyDependOnLibsWithTags: inTests ? [...shipped, 'type:test-support'] : shipped },
    { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
    { sourceTag: 'platform:browser', onlyDependOnLibsWithTags: ['platform:browser', 'platform:any'] },
    { sourceTag: 'platform:any', onlyDependOnLibsWithTags: ['platform:any'], bannedExternalImports: ['*'] },
    {
      sourceTag: 'platform:browser',
      bannedExternalImports: ['@nestjs/*', '@azure/*', 'livekit-server-sdk', 'azurite', 'express', 'node:*'],
    },
    { sourceTag: 'platform:node', bannedExternalImports: ['@angular/*', 'livekit-client'] },
  ];
}

/** Each SDK behind its adapter (house style): the API's code reaches LiveKit and Azure Storage only through these folders. */
const LIVEKIT_SDK = {
  name: 'livekit-server-sdk',
  message: 'Only apps/api/src/app/livekit/ talks to the LiveKit SDK: use its services and types.',
};
const LIVEKIT_PROTOCOL = { name: '@livekit/protocol', message: LIVEKIT_SDK.message };
const STORAGE_SDK = {
  name: '@azure/storage-blob',
  message: 'Only apps/api/src/app/storage/ talks to the Azure Storage SDK: use BlobStorageService.',
};
// The lean storage client is fenced in its folder: only the storage adapter reaches it (BlobStorageService.openContent).
const STORAGE_DOWNLOAD = {
  group: ['**/storage/download/*'],
  message: 'The storage download client is internal to storage/: use BlobStorageService.openContent.',
};

/** Development launchers live in apps/api/src/app/dev/, a module production never loads. */
const DEV_LAUNCHERS = ['@recording/embedded-azurite', '@recording/embedded-livekit'].map((name) => ({
  name,
  message: 'Only apps/api/src/app/dev/ starts development servers (DevModule, never loaded in production).',
}));

/**
 * The recordings wing's three rooms face one way (house style): playback imports nothing else of recordings/; control
 * imports neither catalog nor playback; catalog may ask control, through its facade only; everything outside
 * recordings/ reaches control through that facade and the catalog through what it exports to access (share links).
 * Flat config replaces a rule's options per file, so each entry repeats the SDK rule of the API.
 */
const RECORDINGS = 'apps/api/src/app/recordings';
const facadeOnly = (folder) => `(^|/)${folder}/(?!recording-control$|control\\.module$)`;
const ROOM_RULES = [
  {
    files: [`${RECORDINGS}/playback/**/*.ts`],
    patterns: [{ regex: '(^|/)(control|catalog)(/|$)', message: 'playback/ imports nothing else of recordings/ (house style).' }],
  },
  {
    files: [`${RECORDINGS}/control/**/*.ts`],
    patterns: [
      { regex: '(^|/)(catalog|playback)(/|$)', message: 'control/ knows neither catalog/ nor playback/: they ask it, through its facade.' },
    ],
  },
  {
    files: [`${RECORDINGS}/catalog/**/*.ts`],
    patterns: [
      { regex: '(^|/)playback(/|$)', message: 'catalog/ does not reach into playback/.' },
      { regex: facadeOnly('control'), message: 'catalog/ asks control only through its facade (control/recording-control).' },
    ],
  },
  {
    files: ['apps/api/src/app/**/*.ts'],
    ignores: [`${RECORDINGS}/**`],
    patterns: [
      {
        regex: facadeOnly('recordings/control'),
        message: 'Outside recordings/, control is reached through its facade (control/recording-control).',
      },
      {
        regex: '(^|/)recordings/(playback|catalog/(?!share-links$|catalog\\.module$))',
        message: "Outside recordings/, only the catalog's share links are used.",
      },
    ],
  },
];

export default defineConfig(
  {
    ignores: ['**/dist', '**/coverage', '**/node_modules', 'tools/node', '**/.nx', '**/.angular', '.data', 'tmp', '**/out-tsc'],
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    extends: [js.configs.recommended],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', module: 'writable', __dirname: 'readonly', process: 'readonly' },
    },
  },
  {
    files: TS_FILES,
    extends: [js.configs.recommended, tseslint.configs.recommended],
    plugins: { '@nx': nx, 'simple-import-sort': simpleImportSort },
    rules: {
      // Type-checked by tsc (typecheck target); ESLint's scope analysis does not know TS globals.
      'no-undef': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Grouped as the house style says: side effects, workspace aliases, packages, node builtins, relative.
      'simple-import-sort/imports': ['error', { groups: [['^\\u0000'], ['^@recording/'], ['^@?\\w', '^node:'], ['^\\.']] }],
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: dependencyConstraints({ inTests: false }) },
      ],
    },
  },
  {
    // Type-aware checks where a mistake is silent: a promise nobody awaits (fire-and-forget must say so with `void`),
    // or one handed where a plain value is expected.
    files: ['apps/**/*.ts', 'libs/**/*.ts', 'tools/**/*.ts', 'deploy/**/*.ts'],
    ignores: ['**/jest.config.cts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { arguments: false, attributes: false } }],
    },
  },
  {
    // Jest loads these CommonJS configs itself; the shared transform is a plain file, not a project.
    files: ['**/jest.config.cts'],
    rules: { '@typescript-eslint/no-require-imports': 'off', '@nx/enforce-module-boundaries': 'off' },
  },
  {
    files: TEST_FILES,
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { enforceBuildableLibDependency: true, allow: [], depConstraints: dependencyConstraints({ inTests: true }) },
      ],
    },
  },
  {
    files: ['apps/api/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [LIVEKIT_SDK, LIVEKIT_PROTOCOL, STORAGE_SDK, ...DEV_LAUNCHERS], patterns: [STORAGE_DOWNLOAD] },
      ],
    },
  },
  ...ROOM_RULES.map(({ files, ignores, patterns }) => ({
    files,
    ...(ignores ? { ignores } : {}),
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [LIVEKIT_SDK, LIVEKIT_PROTOCOL, STORAGE_SDK, ...DEV_LAUNCHERS], patterns: [...patterns, STORAGE_DOWNLOAD] },
      ],
    },
  })),
  {
    files: ['apps/api/src/app/livekit/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [STORAGE_SDK, ...DEV_LAUNCHERS], patterns: [STORAGE_DOWNLOAD] }] },
  },
  {
    files: ['apps/api/src/app/storage/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [LIVEKIT_SDK, LIVEKIT_PROTOCOL, ...DEV_LAUNCHERS] }] },
  },
  {
    files: ['apps/api/src/app/dev/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [LIVEKIT_SDK, LIVEKIT_PROTOCOL, STORAGE_SDK], patterns: [STORAGE_DOWNLOAD] }] },
  },
  {
    // Integration tests play the other side: they arrange and inspect blobs in Azurite directly, and act as
    // LiveKit (sign webhooks, verify minted tokens, start a foreign egress) through the real SDKs.
    files: ['apps/api/src/test/**/*.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['apps/web/src/**/*.ts'],
    extends: [angular.configs.tsRecommended],
    processor: angular.processInlineTemplates,
    rules: {
      '@angular-eslint/component-selector': ['error', { type: 'element', prefix: 'app', style: 'kebab-case' }],
      '@angular-eslint/directive-selector': ['error', { type: 'attribute', prefix: 'app', style: 'camelCase' }],
    },
  },
  {
    files: ['apps/web/src/**/*.html'],
    extends: [angular.configs.templateRecommended, angular.configs.templateAccessibility],
  },
);
