import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTs from 'eslint-config-next/typescript';
import tseslint from 'typescript-eslint';

const TESTS = ['**/*.test.ts', '**/*.test.tsx', 'e2e/**', 'lib/testing/**', 'scripts/**'];

/** The rooms of the house, each below what uses it. Imports are named as `@/…` or relative. */
const forbid = (...rooms) =>
  rooms.flatMap((room) => {
    // From one lib room to a sibling, `../sandbox/db` names lib/sandbox too.
    const sibling = room.startsWith('lib/') ? [`../${room.slice(4)}`, `../${room.slice(4)}/**`] : [];
    return [`@/${room}`, `@/${room}/**`, `**/${room}/**`, ...sibling];
  });
const SANDBOX = 'lib/sandbox';
const ABOVE_POLIS = ['lib/interactions', 'lib/filters', 'lib/map-index', 'lib/review', 'lib/auth', 'lib/corrections', 'lib/surveys', SANDBOX];

/**
 * One block per room, with disjoint `files`: a later `no-restricted-imports`
 * replaces an earlier one for the same file rather than adding to it.
 */
const rooms = [
  {
    name: 'components/ui knows nothing of Polis or of the features',
    files: ['components/ui/**'],
    forbidden: forbid('lib', 'app', ...['campaigns', 'forms', 'interactions', 'layout', 'map', 'sandbox', 'surveys', 'review'].map((c) => `components/${c}`)),
  },
  {
    name: 'the filters sit below the interactions and the map index',
    files: ['lib/filters/**'],
    forbidden: forbid('lib/interactions', 'lib/map-index', 'lib/review', 'lib/auth', 'lib/corrections', SANDBOX, 'components', 'app'),
  },
  {
    name: 'the map index never reaches up into the interactions',
    files: ['lib/map-index/**'],
    forbidden: forbid('lib/interactions', 'lib/review', 'lib/corrections', SANDBOX, 'components', 'app'),
  },
  {
    name: 'the Polis schemas, client and filter builder are the floor of the dashboard',
    files: ['lib/polis/**'],
    forbidden: forbid(...ABOVE_POLIS, 'components', 'app'),
  },
  {
    name: 'the sandbox is a library of its own, below every route',
    files: ['lib/sandbox/**'],
    forbidden: forbid('lib/interactions', 'lib/filters', 'lib/map-index', 'lib/review', 'lib/auth', 'lib/corrections', 'components', 'app'),
  },
  {
    name: 'the rest of lib never imports components or routes, nor the sandbox',
    files: ['lib/**'],
    ignores: ['lib/filters/**', 'lib/map-index/**', 'lib/polis/**', 'lib/sandbox/**'],
    forbidden: forbid(SANDBOX, 'components', 'app'),
  },
  {
    name: 'the dashboard reaches data only through the Polis client, never the sandbox',
    files: ['app/**', 'components/**', 'proxy.ts'],
    // The sandbox's own routes, sign-in page and OAuth discovery, and the health check of its database.
    ignores: ['components/ui/**', 'app/api/polis/**', 'app/oauth/**', 'app/.well-known/**', 'components/sandbox/**', 'app/api/health/**'],
    forbidden: forbid(SANDBOX),
  },
].map(({ name, files, ignores = [], forbidden }) => ({
  name,
  files,
  ignores: [...ignores, ...TESTS],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: forbidden, message: `${name}.` }] }] },
}));

const config = [
  ...nextVitals,
  ...nextTs,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['warn', { ignoreRestSiblings: true, argsIgnorePattern: '^_' }],
    },
  },
  {
    name: 'type-checked rules',
    files: ['**/*.ts', '**/*.tsx'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { '@typescript-eslint': tseslint.plugin },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unnecessary-type-assertion': 'error',
      '@typescript-eslint/only-throw-error': 'error',
      '@typescript-eslint/no-base-to-string': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': ['error', { considerDefaultExhaustiveForUnions: true }],
    },
  },
  {
    name: 'tests print what they got, whatever it is',
    files: TESTS,
    rules: { '@typescript-eslint/no-base-to-string': 'off' },
  },
  ...rooms,
  { ignores: ['.next/**', 'node_modules/**', 'data/**', 'test-results/**', 'playwright-report/**', 'next-env.d.ts'] },
];

export default config;
