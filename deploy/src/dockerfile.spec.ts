import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { appServerPort } from './agreement';
import { readRepoFile, REPO_ROOT } from './compose-model';
import { loadDeployment } from './deployment';
import { checkDockerfile, parseDockerfile } from './dockerfile-rules';
import { REQUIRED_ONLY } from './test-environments';

const dockerfile = readRepoFile('Dockerfile');
const deployment = loadDeployment(readRepoFile('docker-compose.yml'), REQUIRED_ONLY);
const expected = { port: appServerPort(deployment), nodeMajor: 24 };

describe('Dockerfile', () => {
  it('is the file the app service builds', () => {
    const build = deployment.compose.services[deployment.roles.app].build;
    const file = typeof build === 'string' ? 'Dockerfile' : (build?.dockerfile ?? 'Dockerfile');
    const context = typeof build === 'string' ? build : (build?.context ?? '.');
    expect(existsSync(join(REPO_ROOT, context, file))).toBe(true);
    expect(join(context, file)).toBe('Dockerfile');
  });

  it('parses into named stages on node:24', () => {
    const { stages, unknownInstructions } = parseDockerfile(dockerfile);
    expect(unknownInstructions).toEqual([]);
    expect(stages.map((stage) => stage.name)).toEqual(['build', 'runtime-deps', 'runtime']);
    expect(stages.map((stage) => stage.from.getImage())).toEqual(Array(3).fill('node:24-bookworm-slim'));
  });

  it('follows every image rule (multi-stage, node:24, non-root, Debian ffmpeg, health check, port, no npm ci, no secrets, layout)', () => {
    expect(checkDockerfile(dockerfile, expected)).toEqual([]);
  });

  it('builds both the API and the SPA in production mode and keeps only production dependencies', () => {
    expect(dockerfile).toMatch(/nx run-many -t build --projects=api,web --configuration=production/);
    expect(dockerfile).toMatch(/npm install --omit=dev/);
  });

  it('gets ffmpeg from Debian only: no npm package that downloads a static build', () => {
    const manifest = JSON.parse(readRepoFile('package.json')) as Record<string, Record<string, string> | undefined>;
    const packages = Object.keys({ ...manifest['dependencies'], ...manifest['devDependencies'], ...manifest['optionalDependencies'] });
    expect(packages.filter((name) => /ffmpeg/i.test(name))).toEqual([]);
  });

  it('matches the Node version the workspace requires', () => {
    const engines = JSON.parse(readRepoFile('package.json')).engines.node as string;
    expect(engines).toMatch(new RegExp(`^>=${expected.nodeMajor}\\.`));
  });

  it('keeps secrets, local data and build output out of the build context', () => {
    const ignored = readRepoFile('.dockerignore')
      .split('\n')
      .map((line) => line.trim());
    for (const entry of ['.env', '.env.*', 'node_modules', '.git', 'dist', '.data']) expect(ignored).toContain(entry);
  });
});

describe('the Dockerfile checker catches', () => {
  const good = dockerfile;

  it.each([
    [
      'a single stage',
      'FROM node:24-bookworm-slim\nUSER node\nEXPOSE 6080\nHEALTHCHECK CMD curl -f http://localhost:6080/health\nCMD ["node", "dist/apps/api/main.js"]\n',
      /multi-stage/,
    ],
    [
      'another Node major',
      good.replace(/node:24-bookworm-slim AS runtime$/m, 'node:22-bookworm-slim AS runtime'),
      /"node:22-bookworm-slim" is not the official node:24 image/,
    ],
    ['a root final user', good.replace('USER 1000:1000', 'USER root'), /non-root USER/],
    ['no ffmpeg in the final stage', good.replace(/^RUN apt-get update[\s\S]*?lists\/\*\n/m, ''), /Debian's ffmpeg/],
    [
      'ffmpeg with recommended packages',
      good.replace('install -y --no-install-recommends ffmpeg', 'install -y ffmpeg'),
      /--no-install-recommends/,
    ],
    ['apt lists left in the image', good.replace(' \\\n && rm -rf /var/lib/apt/lists/*', ''), /\/var\/lib\/apt\/lists/],
    ['no USER at all', good.replace('USER 1000:1000\n', ''), /non-root USER/],
    ['npm ci', good.replace('npm install --omit=dev', 'npm ci --omit=dev'), /npm ci/],
    [
      'a secret baked in with ENV',
      good.replace('SERVER_PORT=6080', 'SERVER_PORT=6080 LIVEKIT_API_SECRET=secret'),
      /ENV LIVEKIT_API_SECRET bakes a secret/,
    ],
    [
      'a secret baked in with ARG',
      good.replace('FROM node:24-bookworm-slim AS runtime\n', 'FROM node:24-bookworm-slim AS runtime\nARG AZURE_ACCOUNT_KEY=abc\n'),
      /ARG AZURE_ACCOUNT_KEY bakes a secret/,
    ],
    ['no health check', good.replace(/HEALTHCHECK[\s\S]*?\n\n/, ''), /HEALTHCHECK CMD/],
    ['a disabled health check', good.replace(/HEALTHCHECK[\s\S]*?\n\n/, 'HEALTHCHECK NONE\n\n'), /HEALTHCHECK CMD/],
    ['a health check on another path', good.replace("'/health')", "'/status')"), /probe GET \/health/],
    ['another exposed port', good.replace('EXPOSE 6080', 'EXPOSE 3000'), /EXPOSE 6080/],
    ['the SPA copied where the API does not look', good.replace('./dist/apps/web/browser', './public'), /the SPA lands in \/app\/public/],
    ['a command that does not start the API', good.replace('dist/apps/api/main.js"]', 'server.js"]'), /start the API/],
    ['a misspelled instruction', good.replace('EXPOSE 6080', 'EXPOSES 6080'), /unknown instruction EXPOSES/],
    [
      'an exec-form command that is not JSON',
      good.replace('CMD ["node", "dist/apps/api/main.js"]', "CMD ['node', 'dist/apps/api/main.js']"),
      /CMD looks like exec form/,
    ],
    [
      'an exec-form health check that is not JSON',
      good.replace('process.exit(1))"]', 'process.exit(1))",]'),
      /HEALTHCHECK looks like exec form/,
    ],
  ])('%s', (_what, text, problem) => {
    expect(text).not.toBe(good);
    expect(checkDockerfile(text, expected).join('\n')).toMatch(problem);
  });
});
