import { commandArgs, dependsOn, environmentOf, extraHosts, flagValue, portMappings, publishedMapping, resolveHost } from './compose-model';
import { Deployment } from './deployment';

/** Where the app receives LiveKit's webhooks (api-contract: POST /livekit/webhook). */
export const WEBHOOK_PATH = '/livekit/webhook';
/** LiveKit Egress's documented minimum for recording a room composite. */
export const EGRESS_MIN_CPUS = 4;

/** Defaults of the app (docs/api-contract.md), LiveKit, Egress, Redis and Azurite when a setting is absent. */
const APP_DEFAULTS = {
  SERVER_PORT: '6080',
  LIVEKIT_API_KEY: 'devkey',
  LIVEKIT_API_SECRET: 'secret',
  AZURE_CONTAINER_NAME: 'openvidu-appdata',
};
/** What the app's start-up refuses with NODE_ENV=production (docs/api-contract.md, Configuration), set by the image. */
const IMAGE_NODE_ENV = 'production';
const MIN_SECRET_LENGTH = 32;
const LOOPBACK_ADDRESSES = new Set(['127.0.0.1', '::1', '[::1]', 'localhost']);
const LIVEKIT_DEFAULT_PORT = 7880;
const REDIS_DEFAULT_PORT = 6379;
const AZURITE_DEFAULT_BLOB_PORT = 10000;
const EGRESS_DEFAULT_ROOM_COMPOSITE_COST = 4;
const EGRESS_DEFAULT_MAX_UTILIZATION = 0.8;

export interface Problem {
  rule: string;
  message: string;
}

type Rule = (d: Deployment) => string[];

/** Every rule the LiveKit, Egress, Redis, Azurite and app settings must satisfy together. */
export const AGREEMENT_RULES: Readonly<Record<string, Rule>> = {
  'api-credentials': (d) => {
    const { key, secret } = appCredentials(d);
    const problems: string[] = [];
    const keys = d.livekit.keys ?? {};
    if (!(key in keys)) problems.push(`LiveKit's keys do not include the app's LIVEKIT_API_KEY "${key}"`);
    else if (String(keys[key]) !== secret) problems.push(`LiveKit's secret for "${key}" differs from the app's LIVEKIT_API_SECRET`);
    if (String(d.egress.api_key) !== key)
      problems.push(`Egress api_key "${d.egress.api_key}" differs from the app's LIVEKIT_API_KEY "${key}"`);
    if (String(d.egress.api_secret) !== secret) problems.push(`Egress api_secret differs from the app's LIVEKIT_API_SECRET`);
    return problems;
  },

  'webhook-signing-key': (d) => {
    const apiKey = d.livekit.webhook?.api_key;
    if (apiKey === undefined) return ['LiveKit webhook.api_key is missing, so webhooks cannot be signed'];
    const problems: string[] = [];
    if (!(String(apiKey) in (d.livekit.keys ?? {})))
      problems.push(`webhook.api_key "${apiKey}" is not one of LiveKit's keys (LiveKit refuses to start)`);
    if (String(apiKey) !== appCredentials(d).key) {
      problems.push(
        `webhooks are signed with "${apiKey}" but the app verifies them with LIVEKIT_API_KEY "${appCredentials(d).key}" (every delivery gets 401)`,
      );
    }
    return problems;
  },

  'webhook-url': (d) => {
    const urls = d.livekit.webhook?.urls ?? [];
    if (urls.length === 0) return ['LiveKit has no webhook URL, so the app never hears about recordings'];
    const port = appServerPort(d);
    const livekitService = d.compose.services[d.roles.livekit];
    return urls.flatMap((raw) => {
      const url = parseUrl(raw);
      if (!url) return [`webhook URL "${raw}" is not a URL`];
      const problems: string[] = [];
      if (!/^https?:$/.test(url.protocol)) problems.push(`webhook URL "${raw}" must be http(s)`);
      if (url.pathname !== WEBHOOK_PATH) problems.push(`webhook URL "${raw}" must end in ${WEBHOOK_PATH}`);
      const reached = resolveHost(d.compose, d.roles.livekit, url.hostname);
      const viaHostGateway = url.hostname === 'host.docker.internal' && 'host.docker.internal' in extraHosts(livekitService);
      if (reached !== d.roles.app && !viaHostGateway) {
        problems.push(`webhook URL "${raw}" does not reach the app service "${d.roles.app}" from "${d.roles.livekit}"`);
      }
      if (urlPort(url) !== port) problems.push(`webhook URL "${raw}" uses port ${urlPort(url)}, the app listens on SERVER_PORT ${port}`);
      return problems;
    });
  },

  'redis-address': (d) => {
    const redisPort = listeningPort(commandArgs(d.compose.services[d.roles.redis]), '--port', REDIS_DEFAULT_PORT);
    const problems: string[] = [];
    const addresses = { [d.roles.livekit]: d.livekit.redis?.address, [d.roles.egress]: d.egress.redis?.address };
    for (const [service, address] of Object.entries(addresses)) {
      if (!address) {
        problems.push(`"${service}" has no redis.address (Egress needs LiveKit and itself on the same Redis)`);
        continue;
      }
      const [host, port = String(REDIS_DEFAULT_PORT)] = String(address).split(':');
      if (resolveHost(d.compose, service, host) !== d.roles.redis)
        problems.push(`redis.address "${address}" of "${service}" does not reach the Redis service "${d.roles.redis}"`);
      if (Number(port) !== redisPort)
        problems.push(`redis.address "${address}" of "${service}" uses port ${port}, Redis listens on ${redisPort}`);
    }
    if (d.livekit.redis?.address && d.egress.redis?.address && d.livekit.redis.address !== d.egress.redis.address) {
      problems.push(`LiveKit (${d.livekit.redis.address}) and Egress (${d.egress.redis.address}) use different Redis addresses`);
    }
    return problems;
  },

  'egress-ws-url': (d) => {
    const url = parseUrl(d.egress.ws_url ?? '');
    if (!url) return [`Egress ws_url "${d.egress.ws_url}" is not a URL`];
    const problems: string[] = [];
    if (!/^wss?:$/.test(url.protocol)) problems.push(`Egress ws_url "${d.egress.ws_url}" must be ws(s)://`);
    if (resolveHost(d.compose, d.roles.egress, url.hostname) !== d.roles.livekit) {
      problems.push(`Egress ws_url "${d.egress.ws_url}" does not reach the LiveKit service "${d.roles.livekit}" from "${d.roles.egress}"`);
    }
    if (urlPort(url) !== liveKitPort(d)) problems.push(`Egress ws_url uses port ${urlPort(url)}, LiveKit listens on ${liveKitPort(d)}`);
    return problems;
  },

  'app-livekit-url': (d) => {
    const raw = appEnv(d)['LIVEKIT_URL'] ?? '';
    const url = parseUrl(raw);
    if (!url) return [`app LIVEKIT_URL "${raw}" is not a URL`];
    const problems: string[] = [];
    if (resolveHost(d.compose, d.roles.app, url.hostname) !== d.roles.livekit)
      problems.push(`app LIVEKIT_URL "${raw}" does not reach the LiveKit service "${d.roles.livekit}"`);
    if (urlPort(url) !== liveKitPort(d)) problems.push(`app LIVEKIT_URL uses port ${urlPort(url)}, LiveKit listens on ${liveKitPort(d)}`);
    return problems;
  },

  'public-livekit-url': (d) => {
    const raw = appEnv(d)['LIVEKIT_PUBLIC_URL'];
    if (!raw) return ['app LIVEKIT_PUBLIC_URL is unset, so browsers would be sent the internal LIVEKIT_URL'];
    const url = parseUrl(raw);
    if (!url || !/^wss?:$/.test(url.protocol)) return [`app LIVEKIT_PUBLIC_URL "${raw}" must be a ws(s):// URL`];
    if (!['localhost', '127.0.0.1'].includes(url.hostname)) return [];
    const mapping = publishedMapping(d.compose.services[d.roles.livekit], liveKitPort(d));
    const published = mapping?.published && mapping.published.start + (liveKitPort(d) - mapping.target.start);
    return published === urlPort(url)
      ? []
      : [`LIVEKIT_PUBLIC_URL "${raw}" is not the host port LiveKit's ${liveKitPort(d)} is published on`];
  },

  'published-ports': (d) => {
    const livekit = d.compose.services[d.roles.livekit];
    const problems: string[] = [];
    if (!publishedMapping(livekit, liveKitPort(d))) problems.push(`LiveKit's signalling port ${liveKitPort(d)}/tcp is not published`);
    const rtc = d.livekit.rtc ?? {};
    // ICE candidates carry the container's port numbers, so the host must publish the very same numbers.
    const sameNumbers = (start: number, end: number, protocol: string) =>
      portMappings(livekit).some(
        (m) =>
          m.protocol === protocol &&
          m.target.start === start &&
          m.target.end === end &&
          m.published?.start === start &&
          m.published?.end === end,
      );
    if (rtc.tcp_port !== undefined && !sameNumbers(rtc.tcp_port, rtc.tcp_port, 'tcp'))
      problems.push(`rtc.tcp_port ${rtc.tcp_port}/tcp is not published as ${rtc.tcp_port}:${rtc.tcp_port}/tcp`);
    if (rtc.port_range_start !== undefined && rtc.port_range_end !== undefined) {
      const { port_range_start: start, port_range_end: end } = rtc;
      if (!sameNumbers(start, end, 'udp'))
        problems.push(`the UDP range ${start}-${end} is not published as ${start}-${end}:${start}-${end}/udp`);
    } else if (rtc.udp_port !== undefined) {
      if (!sameNumbers(rtc.udp_port, rtc.udp_port, 'udp'))
        problems.push(`rtc.udp_port ${rtc.udp_port}/udp is not published as ${rtc.udp_port}:${rtc.udp_port}/udp`);
    } else {
      problems.push('LiveKit has no UDP media ports (rtc.port_range_start/end or rtc.udp_port)');
    }
    if (!publishedMapping(d.compose.services[d.roles.app], appServerPort(d)))
      problems.push(`the app's SERVER_PORT ${appServerPort(d)} is not published`);
    return problems;
  },

  'production-secrets': (d) => {
    const env = appEnv(d);
    if ((env['NODE_ENV'] || IMAGE_NODE_ENV) !== 'production') return [];
    const problems: string[] = [];
    const { secret } = appCredentials(d);
    if (secret === APP_DEFAULTS.LIVEKIT_API_SECRET || secret.length < MIN_SECRET_LENGTH) {
      problems.push(
        `the app runs with NODE_ENV=production and refuses a LIVEKIT_API_SECRET that is "${APP_DEFAULTS.LIVEKIT_API_SECRET}" or shorter than ${MIN_SECRET_LENGTH} characters`,
      );
    }
    const session = env['SESSION_SECRET'];
    if (session && session.length < MIN_SECRET_LENGTH)
      problems.push(`SESSION_SECRET is shorter than ${MIN_SECRET_LENGTH} characters: the app refuses it`);
    return problems;
  },

  'livekit-api-exposure': (d) => {
    const raw = appEnv(d)['LIVEKIT_PUBLIC_URL'] ?? '';
    const url = parseUrl(raw);
    if (!url || !LOOPBACK_ADDRESSES.has(url.hostname)) return [];
    const mapping = publishedMapping(d.compose.services[d.roles.livekit], liveKitPort(d));
    if (!mapping || LOOPBACK_ADDRESSES.has(mapping.hostIp ?? '')) return [];
    return [
      `LiveKit's port ${liveKitPort(d)} (its server API as well as signalling) is published on ${mapping.hostIp || 'every address'} ` +
        `though browsers reach it at ${raw}: publish it on 127.0.0.1`,
    ];
  },

  'advertised-address': (d) => {
    const nodeIp = flagValue(commandArgs(d.compose.services[d.roles.livekit]), '--node-ip');
    return nodeIp || d.livekit.rtc?.use_external_ip
      ? []
      : ['LiveKit neither gets --node-ip nor rtc.use_external_ip: it would advertise its container address to browsers'];
  },

  'egress-capabilities': (d) =>
    (d.compose.services[d.roles.egress].cap_add ?? []).includes('SYS_ADMIN')
      ? []
      : ['Egress lacks cap_add SYS_ADMIN (Chrome fails to start)'],

  'egress-cpu': (d) => {
    const resources = d.compose.services[d.roles.egress].deploy?.resources;
    const cpus = Number(resources?.limits?.cpus ?? resources?.reservations?.cpus ?? NaN);
    if (!(cpus >= EGRESS_MIN_CPUS))
      return [`Egress has ${Number.isNaN(cpus) ? 'no' : cpus} CPUs reserved; a room composite needs at least ${EGRESS_MIN_CPUS}`];
    const cost = Number(d.egress.cpu_cost?.room_composite_cpu_cost ?? EGRESS_DEFAULT_ROOM_COMPOSITE_COST);
    const cap = Number(d.egress.cpu_cost?.max_cpu_utilization ?? EGRESS_DEFAULT_MAX_UTILIZATION);
    if (!(cost > 0))
      return [`Egress room_composite_cpu_cost must be a positive number, not "${d.egress.cpu_cost?.room_composite_cpu_cost}"`];
    return cost <= cpus * cap + 1e-9
      ? []
      : [
          `a room composite costs ${cost} CPUs but ${cpus} CPUs at ${cap * 100}% utilization never have that much free: every recording fails with "not enough CPU"`,
        ];
  },

  /**
   * Where Egress's MP4 goes (docs/api-contract.md, Recorder): with EGRESS_OUTPUT=volume into a named volume mounted at
   * EGRESS_VOLUME_PATH in Egress and the app alike, and egress.yaml holds no storage credentials; with `azure` Egress
   * uploads with the request's account, which must then be a real Azure account (its uploader cannot reach Azurite).
   */
  'egress-output': (d) => {
    const env = appEnv(d);
    const output = env['EGRESS_OUTPUT'] ?? 'azure';
    if (output === 'azure') {
      const endpoint = parseUrl(env['AZURE_ENDPOINT'] ?? 'https://azure.blob.core.windows.net');
      return endpoint?.hostname.endsWith('.blob.core.windows.net')
        ? []
        : [
            `with EGRESS_OUTPUT=azure Egress uploads to https://<account>.blob.core.windows.net itself, never to AZURE_ENDPOINT "${env['AZURE_ENDPOINT']}": use EGRESS_OUTPUT=volume`,
          ];
    }
    if (output !== 'volume') return [`EGRESS_OUTPUT "${output}" must be azure or volume`];
    const problems: string[] = [];
    if (d.egress.storage !== undefined) problems.push('with EGRESS_OUTPUT=volume egress.yaml must hold no storage credentials');
    const path = env['EGRESS_VOLUME_PATH'];
    if (!path) return [...problems, 'EGRESS_OUTPUT=volume needs EGRESS_VOLUME_PATH'];
    const appVolume = volumeAt(d.compose.services[d.roles.app], path);
    const egressVolume = volumeAt(d.compose.services[d.roles.egress], path);
    if (!appVolume) problems.push(`the app mounts nothing at EGRESS_VOLUME_PATH ${path}`);
    if (!egressVolume) problems.push(`Egress mounts nothing at EGRESS_VOLUME_PATH ${path}, so it would write into its own container`);
    if (appVolume && egressVolume && appVolume !== egressVolume)
      problems.push(`Egress writes into "${egressVolume}" at ${path} but the app reads "${appVolume}" there`);
    return problems;
  },

  /** Egress renders the app's own template (RECORDING_TEMPLATE_URL as customBaseUrl), which it must reach. */
  'recording-template': (d) => {
    const env = appEnv(d);
    const problems: string[] = [];
    if ((env['RECORDER'] ?? 'auto') !== 'egress')
      problems.push(`RECORDER must be egress here (Egress records; replicas share no embedded recorder)`);
    const raw = env['RECORDING_TEMPLATE_URL'];
    if (!raw) return [...problems, "RECORDING_TEMPLATE_URL is unset: Egress would render its own template, not the app's"];
    const url = parseUrl(raw);
    if (!url) return [...problems, `RECORDING_TEMPLATE_URL "${raw}" is not a URL`];
    if (resolveHost(d.compose, d.roles.egress, url.hostname) !== d.roles.app)
      problems.push(`RECORDING_TEMPLATE_URL "${raw}" does not reach the app service "${d.roles.app}" from "${d.roles.egress}"`);
    if (urlPort(url) !== appServerPort(d))
      problems.push(`RECORDING_TEMPLATE_URL uses port ${urlPort(url)}, the app listens on ${appServerPort(d)}`);
    if (url.pathname !== '/recording-template') problems.push(`RECORDING_TEMPLATE_URL "${raw}" must be the app's /recording-template page`);
    return problems;
  },

  'app-storage': (d) => {
    const env = appEnv(d);
    const problems: string[] = [];
    if (Boolean(env['AZURE_ACCOUNT_NAME']) !== Boolean(env['AZURE_ACCOUNT_KEY']))
      problems.push('the app needs AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY together');
    const raw = env['AZURE_ENDPOINT'];
    if (!raw) return problems;
    const url = parseUrl(raw);
    if (!url) return [...problems, `AZURE_ENDPOINT "${raw}" is not a URL`];
    const reached = resolveHost(d.compose, d.roles.app, url.hostname);
    if (reached === d.roles.azurite) {
      const args = commandArgs(d.compose.services[d.roles.azurite]);
      const blobPort = listeningPort(args, '--blobPort', AZURITE_DEFAULT_BLOB_PORT);
      if (urlPort(url) !== blobPort)
        problems.push(`AZURE_ENDPOINT "${raw}" uses port ${urlPort(url)}, Azurite's blob service listens on ${blobPort}`);
      if (url.pathname.split('/')[1] !== env['AZURE_ACCOUNT_NAME'])
        problems.push(`AZURE_ENDPOINT "${raw}" must end in /${env['AZURE_ACCOUNT_NAME']} (Azurite is path-style)`);
      if (flagValue(args, '--blobHost') !== '0.0.0.0')
        problems.push('Azurite must listen with --blobHost 0.0.0.0 to be reachable from the app');
      for (const flag of ['--skipApiVersionCheck', '--loose'])
        if (!args.includes(flag)) problems.push(`Azurite needs ${flag} for the app's storage SDK`);
    } else if (reached !== undefined) {
      problems.push(`AZURE_ENDPOINT "${raw}" points at "${reached}", which is not Azurite`);
    } else if (url.protocol !== 'https:') {
      problems.push(`AZURE_ENDPOINT "${raw}" is neither the Azurite service nor an https:// endpoint`);
    } else if (url.hostname.endsWith('.blob.core.windows.net') && url.hostname.split('.')[0] !== env['AZURE_ACCOUNT_NAME']) {
      problems.push(`AZURE_ENDPOINT "${raw}" belongs to another account than AZURE_ACCOUNT_NAME "${env['AZURE_ACCOUNT_NAME']}"`);
    }
    return problems;
  },

  'start-order': (d) => {
    const { app, livekit, egress, redis, azurite } = d.roles;
    const needs: Array<[string, string]> = [
      [livekit, redis],
      [egress, redis],
      [egress, livekit],
      [app, livekit],
      [app, azurite],
    ];
    return needs
      .filter(([service, dependency]) => !dependsOn(d.compose.services[service]).includes(dependency))
      .map(([service, dependency]) => `"${service}" does not depend_on "${dependency}"`);
  },

  'container-names': (d) => {
    const problems: string[] = [];
    const seen = new Map<string, string>();
    for (const [name, service] of Object.entries(d.compose.services)) {
      const containerName = service.container_name;
      if (containerName) {
        if (seen.has(containerName))
          problems.push(`container_name "${containerName}" is used by "${seen.get(containerName)}" and "${name}"`);
        else if (d.compose.services[containerName] && containerName !== name)
          problems.push(`container_name "${containerName}" of "${name}" is the name of another service`);
        seen.set(containerName, name);
      }
      const shared = /^service:(.+)$/.exec(service.network_mode ?? '')?.[1];
      if (shared && !d.compose.services[shared]) problems.push(`"${name}" shares the network of "${shared}", which is not a service`);
    }
    if (d.compose.services[d.roles.app].container_name)
      problems.push(`the app must not set container_name: it runs as replicas behind a load balancer`);
    return problems;
  },
};

export function checkAgreement(deployment: Deployment): Problem[] {
  return Object.entries(AGREEMENT_RULES).flatMap(([rule, check]) => check(deployment).map((message) => ({ rule, message })));
}

function appEnv(d: Deployment): Record<string, string> {
  return environmentOf(d.compose.services[d.roles.app]);
}

function appCredentials(d: Deployment): { key: string; secret: string } {
  const env = appEnv(d);
  return {
    key: env['LIVEKIT_API_KEY'] || APP_DEFAULTS.LIVEKIT_API_KEY,
    secret: env['LIVEKIT_API_SECRET'] || APP_DEFAULTS.LIVEKIT_API_SECRET,
  };
}

export function appServerPort(d: Deployment): number {
  return Number(appEnv(d)['SERVER_PORT'] || APP_DEFAULTS.SERVER_PORT);
}

function liveKitPort(d: Deployment): number {
  return Number(d.livekit.port ?? LIVEKIT_DEFAULT_PORT);
}

function listeningPort(args: readonly string[], flag: string, fallback: number): number {
  return Number(flagValue(args, flag) ?? fallback);
}

function parseUrl(raw: string): URL | undefined {
  try {
    return new URL(raw);
  } catch {
    return undefined;
  }
}

function urlPort(url: URL): number {
  if (url.port) return Number(url.port);
  return /^(https|wss):$/.test(url.protocol) ? 443 : 80;
}

/** The named volume (or bind source) a service mounts at `target`. */
function volumeAt(service: { volumes?: Array<string | { source?: string; target?: string }> }, target: string): string | undefined {
  for (const volume of service.volumes ?? []) {
    const [source, mounted] = typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
    if (mounted === target) return source;
  }
  return undefined;
}
