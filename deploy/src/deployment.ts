import { parse } from 'yaml';

import {
  commandArgs,
  ComposeDocument,
  DeploymentError,
  environmentOf,
  fileSeenByService,
  flagValue,
  parseCompose,
  REPO_ROOT,
} from './compose-model';
import { Environment } from './interpolate';

/** The part of LiveKit's livekit.yaml these checks read. */
export interface LiveKitConfig {
  port?: number;
  keys?: Record<string, string>;
  redis?: { address?: string };
  rtc?: { tcp_port?: number; udp_port?: number; port_range_start?: number; port_range_end?: number; use_external_ip?: boolean };
  webhook?: { api_key?: string; urls?: string[] };
}

/** The part of LiveKit Egress's egress.yaml these checks read. */
export interface EgressConfig {
  api_key?: string;
  api_secret?: string;
  ws_url?: string;
  insecure?: boolean;
  redis?: { address?: string };
  cpu_cost?: { room_composite_cpu_cost?: number; max_cpu_utilization?: number };
  storage?: { azure?: { account_name?: string; account_key?: string; container_name?: string } };
}

/** Which Compose service plays which part, found by image (the app is the service built from this repository). */
export interface Roles {
  app: string;
  livekit: string;
  egress: string;
  redis: string;
  azurite: string;
}

export interface Deployment {
  compose: ComposeDocument;
  roles: Roles;
  livekit: LiveKitConfig;
  egress: EgressConfig;
}

const ROLE_IMAGES: Record<Exclude<keyof Roles, 'app'>, RegExp> = {
  livekit: /(^|\/)livekit-server(:|@|$)/,
  egress: /(^|\/)livekit\/egress(:|@|$)/,
  redis: /(^|\/)redis(:|@|$)/,
  azurite: /(^|\/)azure-storage\/azurite(:|@|$)/,
};

export function identifyRoles(compose: ComposeDocument): Roles {
  const services = Object.entries(compose.services);
  const one = (role: string, matches: (entry: [string, (typeof services)[number][1]]) => boolean): string => {
    const found = services.filter(matches).map(([name]) => name);
    if (found.length !== 1) {
      throw new DeploymentError(`expected exactly one ${role} service, found ${found.length ? found.join(', ') : 'none'}`);
    }
    return found[0];
  };
  return {
    app: one('app (built from this repository)', ([, service]) => service.build !== undefined),
    livekit: one('LiveKit server', ([, service]) => ROLE_IMAGES.livekit.test(service.image ?? '')),
    egress: one('LiveKit Egress', ([, service]) => ROLE_IMAGES.egress.test(service.image ?? '')),
    redis: one('Redis', ([, service]) => ROLE_IMAGES.redis.test(service.image ?? '')),
    azurite: one('Azurite', ([, service]) => ROLE_IMAGES.azurite.test(service.image ?? '')),
  };
}

/** Loads the Compose file with an environment (as from .env) and the LiveKit and Egress configs its services see. */
export function loadDeployment(composeText: string, env: Environment = {}, baseDir = REPO_ROOT): Deployment {
  const compose = parseCompose(composeText, env);
  const roles = identifyRoles(compose);
  return {
    compose,
    roles,
    livekit: parseYaml<LiveKitConfig>(liveKitConfigText(compose, roles.livekit, baseDir), 'LiveKit config'),
    egress: parseYaml<EgressConfig>(egressConfigText(compose, roles.egress, baseDir), 'Egress config'),
  };
}

function liveKitConfigText(compose: ComposeDocument, service: string, baseDir: string): string {
  const body = environmentOf(compose.services[service])['LIVEKIT_CONFIG'];
  if (body) return body;
  const path = flagValue(commandArgs(compose.services[service]), '--config');
  if (!path) throw new DeploymentError(`service "${service}" gets no LiveKit config (neither --config nor LIVEKIT_CONFIG)`);
  return fileSeenByService(compose, service, path, baseDir);
}

function egressConfigText(compose: ComposeDocument, service: string, baseDir: string): string {
  const env = environmentOf(compose.services[service]);
  if (env['EGRESS_CONFIG_BODY']) return env['EGRESS_CONFIG_BODY'];
  const path = env['EGRESS_CONFIG_FILE'];
  if (!path) throw new DeploymentError(`service "${service}" gets no Egress config (neither EGRESS_CONFIG_FILE nor EGRESS_CONFIG_BODY)`);
  return fileSeenByService(compose, service, path, baseDir);
}

function parseYaml<T>(text: string, what: string): T {
  const value = parse(text) as T | null;
  if (!value || typeof value !== 'object') throw new DeploymentError(`${what} is empty or not a YAML mapping`);
  return value;
}
