import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { AGREEMENT_RULES, checkAgreement } from './agreement';
import { DeploymentError, environmentOf, readRepoFile } from './compose-model';
import { Deployment, loadDeployment } from './deployment';
import { InterpolationError } from './interpolate';
import { EVERY_VARIABLE_SET, REQUIRED_ONLY } from './test-environments';

const composeText = readRepoFile('docker-compose.yml');

function mutated(change: (d: Deployment) => void): Deployment {
  const copy = structuredClone(loadDeployment(composeText, REQUIRED_ONLY));
  change(copy);
  return copy;
}

const appEnv = (d: Deployment) => d.compose.services[d.roles.app].environment as Record<string, string>;
const rulesBroken = (d: Deployment) => [...new Set(checkAgreement(d).map((p) => p.rule))];

describe('docker-compose.yml: LiveKit, Egress, Redis, Azurite and the app agree', () => {
  it('finds the five parts by image', () => {
    expect(loadDeployment(composeText, REQUIRED_ONLY).roles).toEqual({
      app: 'app',
      livekit: 'livekit',
      egress: 'egress',
      redis: 'redis',
      azurite: 'azurite',
    });
  });

  it('refuses to load without LIVEKIT_API_SECRET in .env, saying how to make one', () => {
    expect(() => loadDeployment(composeText)).toThrow(InterpolationError);
    expect(() => loadDeployment(composeText, { LIVEKIT_API_SECRET: '' })).toThrow(
      /required variable LIVEKIT_API_SECRET is missing a value: .*32\+ characters \(openssl rand -hex 32\)/,
    );
  });

  it('satisfies every rule with only the required secret in .env', () => {
    const deployment = loadDeployment(composeText, REQUIRED_ONLY);
    expect(checkAgreement(deployment)).toEqual([]);
    expect(deployment.livekit.keys).toEqual({ devkey: REQUIRED_ONLY['LIVEKIT_API_SECRET'] });
    expect(deployment.livekit.webhook?.urls).toEqual(['http://app:6080/livekit/webhook']);
    expect(deployment.egress.redis?.address).toBe(deployment.livekit.redis?.address);
  });

  it('satisfies every rule with a .env that changes every variable, so each setting has one source', () => {
    const deployment = loadDeployment(composeText, EVERY_VARIABLE_SET);
    expect(checkAgreement(deployment)).toEqual([]);
    expect(deployment.livekit.keys).toEqual({ [EVERY_VARIABLE_SET['LIVEKIT_API_KEY']]: EVERY_VARIABLE_SET['LIVEKIT_API_SECRET'] });
    expect(deployment.egress.api_secret).toBe(EVERY_VARIABLE_SET['LIVEKIT_API_SECRET']);
    expect(deployment.egress.storage).toBeUndefined();
    expect(deployment.egress.cpu_cost?.room_composite_cpu_cost).toBe(2);
  });

  it('lets LiveKit reach an app run on the host through host.docker.internal', () => {
    const deployment = loadDeployment(composeText, {
      ...REQUIRED_ONLY,
      LIVEKIT_WEBHOOK_URL: 'http://host.docker.internal:6080/livekit/webhook',
    });
    expect(checkAgreement(deployment)).toEqual([]);
  });
});

describe('the agreement checker catches', () => {
  it.each<[string, (d: Deployment) => void, string[]]>([
    [
      'an Egress secret that differs',
      (d) => {
        d.egress.api_secret = 'other';
      },
      ['api-credentials'],
    ],
    [
      'an app key LiveKit does not know',
      (d) => {
        appEnv(d)['LIVEKIT_API_KEY'] = 'appkey';
      },
      ['api-credentials', 'webhook-signing-key'],
    ],
    [
      'an app secret that differs from LiveKit',
      (d) => {
        appEnv(d)['LIVEKIT_API_SECRET'] = 'another-secret-of-32-characters-or-more';
      },
      ['api-credentials'],
    ],
    [
      'a webhook key missing from keys',
      (d) => {
        d.livekit.webhook = { ...d.livekit.webhook, api_key: 'nokey' };
      },
      ['webhook-signing-key'],
    ],
    [
      'a webhook signed with another key than the app verifies',
      (d) => {
        d.livekit.keys = { ...d.livekit.keys, otherkey: 'othersecret' };
        d.livekit.webhook = { ...d.livekit.webhook, api_key: 'otherkey' };
      },
      ['webhook-signing-key'],
    ],
    [
      'no webhook URL',
      (d) => {
        d.livekit.webhook = { ...d.livekit.webhook, urls: [] };
      },
      ['webhook-url'],
    ],
    [
      'a webhook URL with another path',
      (d) => {
        d.livekit.webhook!.urls = ['http://app:6080/webhook'];
      },
      ['webhook-url'],
    ],
    [
      'a webhook URL with another port',
      (d) => {
        d.livekit.webhook!.urls = ['http://app:3000/livekit/webhook'];
      },
      ['webhook-url'],
    ],
    [
      'a webhook URL that reaches another service',
      (d) => {
        d.livekit.webhook!.urls = ['http://livekit:6080/livekit/webhook'];
      },
      ['webhook-url'],
    ],
    [
      'host.docker.internal without the host-gateway mapping',
      (d) => {
        d.livekit.webhook!.urls = ['http://host.docker.internal:6080/livekit/webhook'];
        delete d.compose.services[d.roles.livekit].extra_hosts;
      },
      ['webhook-url'],
    ],
    [
      'the app listening on another port than the webhook targets',
      (d) => {
        appEnv(d)['SERVER_PORT'] = '3000';
      },
      ['webhook-url', 'published-ports', 'recording-template'],
    ],
    [
      'Egress on another Redis host',
      (d) => {
        d.egress.redis = { address: 'cache:6379' };
      },
      ['redis-address'],
    ],
    [
      'a Redis port nobody listens on',
      (d) => {
        d.livekit.redis = { address: 'redis:6380' };
        d.egress.redis = { address: 'redis:6380' };
      },
      ['redis-address'],
    ],
    [
      'LiveKit without Redis',
      (d) => {
        delete d.livekit.redis;
      },
      ['redis-address'],
    ],
    [
      'an Egress ws_url on another port',
      (d) => {
        d.egress.ws_url = 'ws://127.0.0.1:7881';
      },
      ['egress-ws-url'],
    ],
    [
      "a loopback ws_url when Egress does not share LiveKit's network",
      (d) => {
        delete d.compose.services[d.roles.egress].network_mode;
      },
      ['egress-ws-url'],
    ],
    [
      'an Egress ws_url that reaches another service',
      (d) => {
        d.egress.ws_url = 'ws://redis:7880';
      },
      ['egress-ws-url'],
    ],
    [
      'an app LIVEKIT_URL that reaches no LiveKit',
      (d) => {
        appEnv(d)['LIVEKIT_URL'] = 'http://localhost:7880';
      },
      ['app-livekit-url'],
    ],
    [
      'a public URL on a port LiveKit is not published on',
      (d) => {
        appEnv(d)['LIVEKIT_PUBLIC_URL'] = 'ws://localhost:7881';
      },
      ['public-livekit-url'],
    ],
    [
      'a public URL that is not a WebSocket URL',
      (d) => {
        appEnv(d)['LIVEKIT_PUBLIC_URL'] = 'http://localhost:7880';
      },
      ['public-livekit-url'],
    ],
    [
      'a UDP range published shorter than LiveKit uses',
      (d) => {
        d.compose.services[d.roles.livekit].ports = ['127.0.0.1:7880:7880', '0.0.0.0:7881:7881/tcp', '0.0.0.0:50000-50049:50000-50049/udp'];
      },
      ['published-ports'],
    ],
    [
      'a UDP range published on other host ports',
      (d) => {
        d.compose.services[d.roles.livekit].ports = ['127.0.0.1:7880:7880', '0.0.0.0:7881:7881/tcp', '0.0.0.0:60000-60099:50000-50099/udp'];
      },
      ['published-ports'],
    ],
    [
      'the ICE TCP port not published',
      (d) => {
        d.compose.services[d.roles.livekit].ports = ['127.0.0.1:7880:7880', '0.0.0.0:50000-50099:50000-50099/udp'];
      },
      ['published-ports'],
    ],
    [
      'the app port not published',
      (d) => {
        delete d.compose.services[d.roles.app].ports;
      },
      ['published-ports'],
    ],
    [
      'the development secret everywhere, which the production image refuses',
      (d) => {
        appEnv(d)['LIVEKIT_API_SECRET'] = 'secret';
        d.livekit.keys = { devkey: 'secret' };
        d.egress.api_secret = 'secret';
      },
      ['production-secrets'],
    ],
    [
      'a LiveKit secret of 31 characters everywhere',
      (d) => {
        const short = 'a'.repeat(31);
        appEnv(d)['LIVEKIT_API_SECRET'] = short;
        d.livekit.keys = { devkey: short };
        d.egress.api_secret = short;
      },
      ['production-secrets'],
    ],
    [
      'a SESSION_SECRET of 31 characters',
      (d) => {
        appEnv(d)['SESSION_SECRET'] = 'b'.repeat(31);
      },
      ['production-secrets'],
    ],
    [
      "LiveKit's API published on every address for browsers on this machine",
      (d) => {
        d.compose.services[d.roles.livekit].ports = ['0.0.0.0:7880:7880', '0.0.0.0:7881:7881/tcp', '0.0.0.0:50000-50099:50000-50099/udp'];
      },
      ['livekit-api-exposure'],
    ],
    [
      "LiveKit's API published without a host address",
      (d) => {
        d.compose.services[d.roles.livekit].ports = ['7880:7880', '0.0.0.0:7881:7881/tcp', '0.0.0.0:50000-50099:50000-50099/udp'];
      },
      ['livekit-api-exposure'],
    ],
    [
      'LiveKit advertising its container address',
      (d) => {
        d.compose.services[d.roles.livekit].command = ['--config', '/etc/livekit.yaml'];
      },
      ['advertised-address'],
    ],
    [
      'Egress without SYS_ADMIN',
      (d) => {
        d.compose.services[d.roles.egress].cap_add = [];
      },
      ['egress-capabilities'],
    ],
    [
      'Egress with 2 CPUs',
      (d) => {
        d.compose.services[d.roles.egress].deploy = { resources: { reservations: { cpus: '2' } } };
      },
      ['egress-cpu'],
    ],
    [
      'Egress without any CPU reservation',
      (d) => {
        delete d.compose.services[d.roles.egress].deploy;
      },
      ['egress-cpu'],
    ],
    [
      'a room composite cost that 4 CPUs at 80% never have free',
      (d) => {
        d.egress.cpu_cost = { room_composite_cpu_cost: 4, max_cpu_utilization: 0.8 };
      },
      ['egress-cpu'],
    ],
    [
      'storage credentials left in egress.yaml although the app uploads from the volume',
      (d) => {
        d.egress.storage = { azure: { account_name: 'acct', account_key: 'key', container_name: 'c' } };
      },
      ['egress-output'],
    ],
    [
      'Egress writing into its own container: no shared volume at EGRESS_VOLUME_PATH',
      (d) => {
        delete d.compose.services[d.roles.egress].volumes;
      },
      ['egress-output'],
    ],
    [
      'Egress and the app mounting different volumes at EGRESS_VOLUME_PATH',
      (d) => {
        d.compose.services[d.roles.egress].volumes = ['other-volume:/recordings-out'];
      },
      ['egress-output'],
    ],
    [
      'EGRESS_OUTPUT=azure while the app stores in Azurite (Egress cannot upload there)',
      (d) => {
        appEnv(d)['EGRESS_OUTPUT'] = 'azure';
      },
      ['egress-output'],
    ],
    [
      'a recording template URL Egress cannot reach',
      (d) => {
        appEnv(d)['RECORDING_TEMPLATE_URL'] = 'http://localhost:6080/recording-template';
      },
      ['recording-template'],
    ],
    [
      'no recording template: Egress would render its own',
      (d) => {
        delete appEnv(d)['RECORDING_TEMPLATE_URL'];
      },
      ['recording-template'],
    ],
    [
      'the embedded recorder in a deployment of replicas',
      (d) => {
        appEnv(d)['RECORDER'] = 'auto';
      },
      ['recording-template'],
    ],
    [
      'an Azurite endpoint on the wrong port',
      (d) => {
        appEnv(d)['AZURE_ENDPOINT'] = 'http://azurite:10001/devstoreaccount1';
      },
      ['app-storage'],
    ],
    [
      'an Azurite endpoint without the account path',
      (d) => {
        appEnv(d)['AZURE_ENDPOINT'] = 'http://azurite:10000';
      },
      ['app-storage'],
    ],
    [
      'Azurite without --skipApiVersionCheck',
      (d) => {
        const azurite = d.compose.services[d.roles.azurite];
        azurite.command = (azurite.command as string[]).filter((arg) => arg !== '--skipApiVersionCheck');
      },
      ['app-storage'],
    ],
    [
      'a storage endpoint that is another service',
      (d) => {
        appEnv(d)['AZURE_ENDPOINT'] = 'http://redis:10000/devstoreaccount1';
      },
      ['app-storage'],
    ],
    [
      'an Azure endpoint of another account',
      (d) => {
        Object.assign(appEnv(d), { AZURE_ACCOUNT_NAME: 'mine', AZURE_ENDPOINT: 'https://theirs.blob.core.windows.net' });
      },
      ['app-storage'],
    ],
    [
      'an account name without a key',
      (d) => {
        delete appEnv(d)['AZURE_ACCOUNT_KEY'];
      },
      ['app-storage'],
    ],
    [
      'the app starting before Azurite',
      (d) => {
        delete (d.compose.services[d.roles.app].depends_on as Record<string, unknown>)['azurite'];
      },
      ['start-order'],
    ],
    [
      'Egress starting before Redis',
      (d) => {
        d.compose.services[d.roles.egress].depends_on = ['livekit'];
      },
      ['start-order'],
    ],
    [
      'two services with one container_name',
      (d) => {
        d.compose.services[d.roles.redis].container_name = 'shared';
        d.compose.services[d.roles.azurite].container_name = 'shared';
      },
      ['container-names'],
    ],
    [
      "a container_name that is another service's name",
      (d) => {
        d.compose.services[d.roles.azurite].container_name = 'redis';
      },
      ['container-names'],
    ],
    [
      'a container_name on the replicated app',
      (d) => {
        d.compose.services[d.roles.app].container_name = 'recording-app';
      },
      ['container-names'],
    ],
  ])('%s', (_what, change, rules) => {
    expect(rulesBroken(mutated(change)).sort()).toEqual([...rules].sort());
  });

  it('follows container_name and network aliases when resolving host names', () => {
    const renamed = mutated((d) => {
      d.compose.services[d.roles.redis].container_name = 'cache';
      d.livekit.redis = { address: 'cache:6379' };
      d.compose.services[d.roles.app].networks = { default: { aliases: ['recorder'] } };
      d.livekit.webhook!.urls = ['http://recorder:6080/livekit/webhook'];
    });
    expect(rulesBroken(renamed)).toEqual(['redis-address']);
    expect(checkAgreement(renamed).map((p) => p.message)).toEqual([
      'LiveKit (cache:6379) and Egress (redis:6379) use different Redis addresses',
    ]);
  });

  it('names every rule it applies', () => {
    expect(Object.keys(AGREEMENT_RULES)).toHaveLength(18);
  });

  it('publishes LiveKit only on loopback by default, and on every address when asked for other devices', () => {
    const ports = (env: Record<string, string>) =>
      loadDeployment(composeText, { ...REQUIRED_ONLY, ...env }).compose.services['livekit'].ports;
    const signalling = (env: Record<string, string>) => ports(env)?.find((port) => typeof port === 'object' && port.target === 7880);
    expect(signalling({})).toMatchObject({ host_ip: '127.0.0.1', published: '7880' });
    expect(signalling({ LIVEKIT_BIND_ADDRESS: '0.0.0.0', LIVEKIT_PUBLIC_URL: 'wss://livekit.example.com' })).toMatchObject({
      host_ip: '0.0.0.0',
    });
  });

  it('never prints a secret in a problem', () => {
    const leaked = mutated((d) => {
      appEnv(d)['LIVEKIT_API_SECRET'] = 'super-secret-value';
      appEnv(d)['AZURE_ACCOUNT_KEY'] = 'c2VjcmV0LWtleQ==';
    });
    const messages = checkAgreement(leaked)
      .map((p) => p.message)
      .join('\n');
    expect(messages).not.toContain('super-secret-value');
    expect(messages).not.toContain('c2VjcmV0LWtleQ==');
    expect(messages).not.toContain(environmentOf(loadDeployment(composeText, REQUIRED_ONLY).compose.services['app'])['AZURE_ACCOUNT_KEY']);
  });
});

describe('loading the LiveKit and Egress configs', () => {
  it('reads configs mounted from files as well as inline ones', () => {
    const dir = mkdtempSync(join(tmpdir(), 'deploy-files-'));
    try {
      const deployment = loadDeployment(composeText, REQUIRED_ONLY);
      writeFileSync(join(dir, 'livekit.yaml'), JSON.stringify(deployment.livekit));
      writeFileSync(join(dir, 'egress.yaml'), JSON.stringify(deployment.egress));
      const fileBased = composeText
        .replace(
          /configs:\n {6}- source: livekit\.yaml\n {8}target: \/etc\/livekit\.yaml/,
          'volumes:\n      - ./livekit.yaml:/etc/livekit.yaml:ro',
        )
        .replace(/ {2}egress\.yaml:\n {4}content: \|[\s\S]*?(?=\nvolumes:)/, '  egress.yaml:\n    file: ./egress.yaml\n');
      expect(fileBased).not.toBe(composeText);
      const loaded = loadDeployment(fileBased, REQUIRED_ONLY, dir);
      expect(loaded.livekit).toEqual(deployment.livekit);
      expect(loaded.egress).toEqual(deployment.egress);
      expect(checkAgreement(loaded)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fails clearly when LiveKit's --config path is not provided", () => {
    const unmounted = composeText.replace('target: /etc/livekit.yaml', 'target: /etc/other.yaml');
    expect(() => loadDeployment(unmounted, REQUIRED_ONLY)).toThrow(
      new DeploymentError('nothing provides /etc/livekit.yaml to service "livekit" (no config or bind mount targets it)'),
    );
  });

  it('fails clearly when a part is missing', () => {
    const withoutEgress = composeText.replace('image: livekit/egress:', 'image: example/recorder:');
    expect(() => loadDeployment(withoutEgress, REQUIRED_ONLY)).toThrow('expected exactly one LiveKit Egress service, found none');
  });
});
