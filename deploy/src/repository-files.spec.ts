import { parse } from 'yaml';

import { ComposeDocument, environmentOf, readRepoFile } from './compose-model';
import { referencedVariables } from './interpolate';
import { EVERY_VARIABLE_SET } from './test-environments';

/** Azurite's development account key: public, documented by Microsoft, the only key allowed in the repository. */
const AZURITE_PUBLIC_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';
/** The shape of an Azure storage account key: 64 random bytes in base64. */
const AZURE_KEY_SHAPE = /[A-Za-z0-9+/]{86}==/g;

const composeText = readRepoFile('docker-compose.yml');
const rawCompose = parse(composeText) as ComposeDocument;
const envExample = readRepoFile('.env.example');
const guide = readRepoFile('README.md');
const composeVariables = referencedVariables(composeText);
/** `${LIVEKIT_API_SECRET:?…}` with a message that says how to make one: Compose stops without it. */
const REQUIRED_SECRET = /^\$\{LIVEKIT_API_SECRET:\?[^}]*openssl rand -hex 32[^}]*\}$/;

function envExampleNames(): string[] {
  return [...envExample.matchAll(/^#?\s*([A-Z][A-Z0-9_]*)=/gm)].map((match) => match[1]);
}

describe('secrets stay out of the repository', () => {
  it("docker-compose.yml contains no storage key but Azurite's public one", () => {
    expect([...new Set(composeText.match(AZURE_KEY_SHAPE))]).toEqual([AZURITE_PUBLIC_KEY]);
  });

  it('the app gets its credentials only from the environment, and the LiveKit secret has no default', () => {
    const app = environmentOf(rawCompose.services['app']);
    for (const name of ['LIVEKIT_API_KEY', 'AZURE_ACCOUNT_NAME', 'AZURE_ACCOUNT_KEY']) {
      expect([name, app[name]]).toEqual([name, expect.stringMatching(new RegExp(`^\\$\\{${name}(:-[^}]*)?\\}$`))]);
    }
    expect(app['LIVEKIT_API_SECRET']).toMatch(REQUIRED_SECRET);
  });

  it('the LiveKit and Egress configs get keys, secret and storage account only from the environment', () => {
    const configs = Object.values(rawCompose.configs ?? {})
      .map((config) => config.content ?? '')
      .join('\n');
    const secretLines = configs
      .split('\n')
      .filter((line) => /(api_key|api_secret|account_name|account_key|container_name):|^\s+"\$\{LIVEKIT_API_KEY/.test(line));
    // LiveKit: keys, webhook.api_key; Egress: api_key, api_secret, and no storage credentials (it writes to a volume).
    expect(secretLines).toHaveLength(4);
    for (const line of secretLines) expect(line).toMatch(/:\s*"\$\{[A-Z_]+(:[-?][^}]*)?\}"\s*$/);
    // LiveKit's keys and Egress's api_secret: the secret Compose requires, never a default anyone knows.
    const withSecret = secretLines.filter((line) => line.includes('LIVEKIT_API_SECRET'));
    expect(withSecret).toHaveLength(2);
    for (const line of withSecret) expect(line).toMatch(new RegExp(`"${REQUIRED_SECRET.source.slice(1, -1)}"\\s*$`));
  });

  it('.env.example sets no LiveKit secret and says how to make one', () => {
    expect(envExample).toMatch(/^LIVEKIT_API_SECRET=$/m);
    const section = envExample.slice(0, envExample.indexOf('LIVEKIT_API_SECRET='));
    expect(section).toMatch(/at least 32 characters/);
    expect(section).toContain('openssl rand -hex 32');
    const sessionComment = envExample.slice(0, envExample.indexOf('# SESSION_SECRET=')).split('\n').slice(-3).join('\n');
    expect(sessionComment).toContain('32+ characters');
  });

  it('.env.example sets no storage key', () => {
    expect(envExample.match(AZURE_KEY_SHAPE)).toBeNull();
    expect(envExample).toMatch(/^# AZURE_ACCOUNT_KEY=$/m);
  });
});

describe('.env.example, the guide and the Compose file list the same variables', () => {
  it('every variable the Compose file reads is in .env.example', () => {
    expect(composeVariables.filter((name) => !envExampleNames().includes(name))).toEqual([]);
  });

  it('the "every variable set" test environment really sets every one of them', () => {
    expect(Object.keys(EVERY_VARIABLE_SET).sort()).toEqual(composeVariables);
  });

  it('every variable of .env.example is explained in the guide', () => {
    expect(envExampleNames().filter((name) => !guide.includes(`\`${name}\``))).toEqual([]);
  });
});

describe('versions agree', () => {
  it('the Azurite image is the version the app embeds', () => {
    const version = JSON.parse(readRepoFile('package.json')).dependencies.azurite as string;
    expect(rawCompose.services['azurite'].image).toBe(`mcr.microsoft.com/azure-storage/azurite:${version}`);
  });
});

describe('the deployment guide in README.md', () => {
  const headings = [...guide.matchAll(/^(#{2,3}) (.+)$/gm)].map((match) => `${match[1]} ${match[2]}`);

  it('has the README sections the deployment issue asks for', () => {
    expect(headings).toEqual(
      expect.arrayContaining([
        '## Run modes side by side',
        '### 1. App on this machine with an external LiveKit',
        '### 2. Full local stack with Docker Compose',
        '### 3. Production on Azure with OpenVidu single node',
        '## Configuring webhooks to reach the app',
        '## HTTPS and self-signed certificates',
        '## Troubleshooting',
        '### A recording stays "starting" (Egress stuck in `EGRESS_STARTING`)',
        '### Webhooks do not arrive',
        '### Seeking does not work on recordings',
        '## Scaling',
      ]),
    );
  });

  it("states plainly where Egress's recordings go: Egress cannot upload to Azurite, the shared volume can", () => {
    expect(guide).toMatch(/\*\*Where Egress's recordings go\.\*\*/);
    expect(guide).toMatch(/cannot write to Azurite/);
    expect(guide).toMatch(/`EGRESS_OUTPUT=volume`/);
  });

  it('links only to sections that exist', () => {
    const anchors = new Set(
      headings.map((heading) =>
        heading
          .replace(/^#+ /, '')
          .toLowerCase()
          .replace(/[^a-z0-9 -]/g, '')
          .replace(/ /g, '-'),
      ),
    );
    const links = [...guide.matchAll(/\]\(#([^)]+)\)/g)].map((match) => match[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links.filter((link) => !anchors.has(link))).toEqual([]);
  });

  it('shows the webhook path and ports the Compose file uses', () => {
    expect(guide).toContain('http://app:6080/livekit/webhook');
    expect(guide).toContain('http://host.docker.internal:6080/livekit/webhook');
    expect(guide).toContain('50000-50099/udp');
    expect(composeText).toContain('0.0.0.0:50000-50099:50000-50099/udp');
  });
});
