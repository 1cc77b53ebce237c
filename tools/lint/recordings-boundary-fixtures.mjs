// Proves the lint gate's direction rules for the recordings wing fire (eslint.config.mjs, ROOM_RULES): each fixture
// is linted as if it were a file at that path, and must be refused, or accepted, as stated. Run by the api's lint.
import { ESLint } from 'eslint';

const RECORDINGS = 'apps/api/src/app/recordings';
const FIXTURES = [
  // [file the import is written in, import, refused?]
  [`${RECORDINGS}/playback/fixture.ts`, '../control/recording-control', true],
  [`${RECORDINGS}/playback/fixture.ts`, '../catalog/share-links', true],
  [`${RECORDINGS}/playback/dto/fixture.ts`, '../../catalog/recording-index.service', true],
  [`${RECORDINGS}/playback/fixture.ts`, './recording-stream', false],
  [`${RECORDINGS}/control/fixture.ts`, '../catalog/recording-details.service', true],
  [`${RECORDINGS}/control/fixture.ts`, '../playback/http-range', true],
  [`${RECORDINGS}/control/fixture.ts`, './recording-lifecycle.service', false],
  [`${RECORDINGS}/catalog/fixture.ts`, '../control/recording-lifecycle.service', true],
  [`${RECORDINGS}/catalog/fixture.ts`, '../playback/recording-stream', true],
  [`${RECORDINGS}/catalog/fixture.ts`, '../control/recording-control', false],
  [`${RECORDINGS}/catalog/fixture.ts`, '../control/control.module', false],
  ['apps/api/src/app/webhook/fixture.ts', '../recordings/control/recording-reconciler.service', true],
  ['apps/api/src/app/token/fixture.ts', '../recordings/catalog/recording-index.service', true],
  ['apps/api/src/app/token/fixture.ts', '../recordings/playback/recording-playback.service', true],
  ['apps/api/src/app/webhook/fixture.ts', '../recordings/control/recording-control', false],
  ['apps/api/src/app/access/fixture.ts', '../recordings/catalog/share-links', false],
];

// The fixtures are not files of any TypeScript project: lint them without type information (the direction rules
// need none), and count a file ESLint could not parse as a failure rather than as "accepted".
const eslint = new ESLint({
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off', '@typescript-eslint/no-misused-promises': 'off' },
  },
});
const failures = [];
for (const [filePath, specifier, refused] of FIXTURES) {
  const code = `import { value } from '${specifier}';\n\nexport const used = value;\n`;
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result.messages.find((message) => message.fatal);
  if (fatal) {
    failures.push(`${filePath}: could not be linted: ${fatal.message}`);
    continue;
  }
  const fired = result.messages.some((message) => message.ruleId === 'no-restricted-imports');
  if (fired !== refused)
    failures.push(`${filePath}: import '${specifier}' was ${fired ? 'refused' : 'accepted'}, expected ${refused ? 'refused' : 'accepted'}`);
}
if (failures.length > 0) {
  console.error(`The recordings direction rules do not hold:\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`Recordings direction rules: ${FIXTURES.length} fixtures as expected.`);
