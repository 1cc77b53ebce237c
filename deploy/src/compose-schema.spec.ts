import { DCLinter } from 'dclint';
import { parse, stringify } from 'yaml';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseCompose, readRepoFile, REPO_ROOT } from './compose-model';
import { COMPOSE_SCHEMA_PATH, composeSchema, validateCompose } from './compose-schema';
import { EVERY_VARIABLE_SET, REQUIRED_ONLY } from './test-environments';

const composeText = readRepoFile('docker-compose.yml');

/**
 * dclint's ordering rules are style preferences (services here are in start order, keys grouped by purpose);
 * ports are quoted like every other string in the file, with double quotes.
 */
const HOUSE_STYLE = {
  'service-keys-order': 0,
  'services-alphabetical-order': 0,
  'service-dependencies-alphabetical-order': 0,
  'top-level-properties-order': 0,
  'require-quotes-in-ports': [1, { quoteType: 'double' }],
} as const;

function lint(path: string) {
  const linter = new DCLinter({ rules: HOUSE_STYLE as never, quiet: false, debug: false, exclude: [] });
  return linter.lintFiles([path], false)[0];
}

/** The parsed file, loosely typed so a test can break any part of it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type MutableCompose = { services: Record<'app' | 'azurite' | 'egress' | 'livekit' | 'redis', any> };

function brokenCopy(mutate: (doc: MutableCompose) => void): MutableCompose {
  const doc = parseCompose(composeText, REQUIRED_ONLY) as unknown as MutableCompose;
  mutate(doc);
  return doc;
}

describe('docker-compose.yml against the Compose Specification', () => {
  it('uses the Compose Specification schema shipped with dclint', () => {
    expect(COMPOSE_SCHEMA_PATH).toMatch(/dclint[/\\]schemas[/\\]compose\.schema\.json$/);
    expect(composeSchema()['title']).toBe('Compose Specification');
  });

  it('is valid as written and after interpolation with the defaults and the one required secret', () => {
    expect(validateCompose(parse(composeText)).errors).toEqual([]);
    expect(validateCompose(parseCompose(composeText, REQUIRED_ONLY)).errors).toEqual([]);

    // Where the Docker Compose CLI is installed it must agree; the schema check above runs either way.
    const docker = spawnSync('docker', ['compose', 'version'], { encoding: 'utf8' });
    if (docker.status === 0) {
      const config = spawnSync('docker', ['compose', '-f', join(REPO_ROOT, 'docker-compose.yml'), 'config', '-q'], {
        encoding: 'utf8',
        env: { ...process.env, ...REQUIRED_ONLY },
      });
      expect(config.stderr).toBe('');
      expect(config.status).toBe(0);
    }
  });

  it('is valid after interpolation with a .env that sets every variable', () => {
    expect(validateCompose(parseCompose(composeText, EVERY_VARIABLE_SET)).errors).toEqual([]);
  });

  it.each([
    [
      'a misspelled service key',
      (doc: MutableCompose) => {
        doc.services.redis.imag = doc.services.redis.image;
      },
      /additional properties \(imag\)/,
    ],
    [
      'ports given as a number instead of a list',
      (doc: MutableCompose) => {
        doc.services.app.ports = 6080;
      },
      /\/services\/app\/ports must be array/,
    ],
    [
      'cap_add given as a string',
      (doc: MutableCompose) => {
        doc.services.egress.cap_add = 'SYS_ADMIN';
      },
      /\/services\/egress\/cap_add must be array/,
    ],
    [
      'a CPU reservation under a wrong key',
      (doc: MutableCompose) => {
        doc.services.egress.deploy.resources.reservations = { cpu: 4 };
      },
      /additional properties \(cpu\)/,
    ],
    [
      'a dependency condition that does not exist',
      (doc: MutableCompose) => {
        doc.services.app.depends_on.azurite.condition = 'service_ready';
      },
      /depends_on\/azurite\/condition must be equal to one of the allowed values/,
    ],
    [
      'a health check with an unknown field',
      (doc: MutableCompose) => {
        doc.services.redis.healthcheck.every = '5s';
      },
      /additional properties \(every\)/,
    ],
  ])('rejects a copy with %s', (_what, mutate, expected) => {
    const result = validateCompose(brokenCopy(mutate));
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(expected);
  });
});

describe('docker-compose.yml with the dclint linter', () => {
  it('has no lint problems (ordering style rules aside)', () => {
    const result = lint(join(REPO_ROOT, 'docker-compose.yml'));
    expect(result.messages.map((m) => `${m.line}: ${m.rule}: ${m.message}`)).toEqual([]);
  });

  it('reports broken copies', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compose-lint-'));
    try {
      const invalid = join(dir, 'invalid.yml');
      writeFileSync(
        invalid,
        stringify(
          brokenCopy((doc) => {
            doc.services.app.ports = 6080;
          }),
        ),
      );
      expect(lint(invalid).messages.map((m) => m.rule)).toContain('invalid-schema');

      const unbound = join(dir, 'unbound.yml');
      writeFileSync(
        unbound,
        stringify(
          brokenCopy((doc) => {
            doc.services.app.ports = ['6080:6080'];
          }),
        ),
      );
      expect(lint(unbound).messages.map((m) => m.rule)).toContain('no-unbound-port-interfaces');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
