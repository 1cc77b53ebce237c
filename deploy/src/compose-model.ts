import { parse } from 'yaml';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

import { Environment, interpolateDocument } from './interpolate';

/** The repository root (this file lives in deploy/src). */
export const REPO_ROOT = resolve(__dirname, '../..');

export type PortValue = string | number;
export interface LongPort {
  target: PortValue;
  published?: PortValue;
  host_ip?: string;
  protocol?: string;
}
export type ServiceConfigRef = string | { source: string; target?: string };
export type Dictionary = Record<string, string | number | boolean | null>;

/** The part of a Compose service these checks read. */
export interface ComposeService {
  image?: string;
  build?: string | { context?: string; dockerfile?: string };
  command?: string | string[];
  environment?: Dictionary | string[];
  ports?: Array<PortValue | LongPort>;
  expose?: PortValue[];
  configs?: ServiceConfigRef[];
  volumes?: Array<string | { type?: string; source?: string; target?: string }>;
  depends_on?: string[] | Record<string, { condition?: string } | null>;
  network_mode?: string;
  networks?: string[] | Record<string, { aliases?: string[] } | null>;
  container_name?: string;
  extra_hosts?: string[] | Record<string, string>;
  cap_add?: string[];
  deploy?: { resources?: { limits?: { cpus?: PortValue }; reservations?: { cpus?: PortValue } } };
  [key: string]: unknown;
}

export interface ComposeDocument {
  name?: string;
  services: Record<string, ComposeService>;
  configs?: Record<string, { content?: string; file?: string }>;
  volumes?: Record<string, unknown>;
  [key: string]: unknown;
}

export class DeploymentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DeploymentError';
  }
}

export function readRepoFile(relativePath: string): string {
  return readFileSync(join(REPO_ROOT, relativePath), 'utf8');
}

/** Parses a Compose file and interpolates it the way `docker compose` does with the given environment. */
export function parseCompose(text: string, env: Environment = {}): ComposeDocument {
  const raw = parse(text) as ComposeDocument;
  if (!raw || typeof raw !== 'object' || !raw.services) throw new DeploymentError('the Compose file has no services');
  return interpolateDocument(raw, env);
}

export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env)) {
    return Object.fromEntries(
      env.map((entry) => {
        const at = entry.indexOf('=');
        return at < 0 ? [entry, ''] : [entry.slice(0, at), entry.slice(at + 1)];
      }),
    );
  }
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

export function commandArgs(service: ComposeService): string[] {
  const command = service.command ?? [];
  return typeof command === 'string' ? command.trim().split(/\s+/) : command.map(String);
}

/** Value of `--flag value` or `--flag=value` in an argument list. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    if (args[i] === flag) return args[i + 1];
    if (args[i].startsWith(`${flag}=`)) return args[i].slice(flag.length + 1);
  }
  return undefined;
}

export function dependsOn(service: ComposeService): string[] {
  const deps = service.depends_on ?? [];
  return Array.isArray(deps) ? deps : Object.keys(deps);
}

export interface PortRange {
  start: number;
  end: number;
}
export interface PortMapping {
  hostIp?: string;
  published?: PortRange;
  target: PortRange;
  protocol: string;
}

export function parsePortRange(value: PortValue): PortRange {
  const match = /^(\d+)(?:-(\d+))?$/.exec(String(value).trim());
  if (!match) throw new DeploymentError(`"${value}" is not a port or port range`);
  const start = Number(match[1]);
  return { start, end: match[2] ? Number(match[2]) : start };
}

/** Reads the short (`[ip:][published:]target[/protocol]`) and long forms of `ports`. */
export function portMappings(service: ComposeService): PortMapping[] {
  return (service.ports ?? []).map((port) => {
    if (typeof port === 'object') {
      return {
        hostIp: port.host_ip,
        published: port.published === undefined || port.published === '' ? undefined : parsePortRange(port.published),
        target: parsePortRange(port.target),
        protocol: port.protocol ?? 'tcp',
      };
    }
    const [spec, protocol = 'tcp'] = String(port).split('/');
    let hostIp: string | undefined;
    let rest = spec;
    const bracketed = /^\[([^\]]+)\]:(.*)$/.exec(spec);
    if (bracketed) [, hostIp, rest] = bracketed;
    const parts = rest.split(':');
    if (!bracketed && parts.length === 3) hostIp = parts.shift();
    const target = parts.pop() as string;
    const published = parts.pop();
    return { hostIp, published: published ? parsePortRange(published) : undefined, target: parsePortRange(target), protocol };
  });
}

/** The published mapping that covers `port`/`protocol` of the container, if any. */
export function publishedMapping(service: ComposeService, port: number, protocol = 'tcp'): PortMapping | undefined {
  return portMappings(service).find(
    (mapping) => mapping.protocol === protocol && mapping.published && mapping.target.start <= port && port <= mapping.target.end,
  );
}

const LOOPBACK = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * The service that a host name used inside `from` reaches: the service itself (or the one whose network namespace
 * it shares) for loopback names, otherwise a service name, container_name or network alias.
 */
export function resolveHost(doc: ComposeDocument, from: string, host: string): string | undefined {
  if (LOOPBACK.has(host)) return sharedNamespaceOwner(doc, from);
  if (doc.services[host]) return host;
  for (const [name, service] of Object.entries(doc.services)) {
    if (service.container_name === host) return name;
    const networks = service.networks;
    if (networks && !Array.isArray(networks)) {
      if (Object.values(networks).some((network) => network?.aliases?.includes(host))) return name;
    }
  }
  return undefined;
}

export function sharedNamespaceOwner(doc: ComposeDocument, name: string): string {
  const mode = doc.services[name]?.network_mode ?? '';
  const match = /^service:(.+)$/.exec(mode);
  return match ? match[1] : name;
}

export function extraHosts(service: ComposeService): Record<string, string> {
  const hosts = service.extra_hosts ?? [];
  if (!Array.isArray(hosts)) return hosts;
  return Object.fromEntries(
    hosts.map((entry) => {
      const at = entry.search(/[:=]/);
      return [entry.slice(0, at), entry.slice(at + 1)];
    }),
  );
}

/**
 * Contents of the file a service sees at `containerPath`: a Compose config (inline `content` or `file`) or a
 * bind-mounted file, both relative to `baseDir`.
 */
export function fileSeenByService(doc: ComposeDocument, serviceName: string, containerPath: string, baseDir = REPO_ROOT): string {
  const service = doc.services[serviceName];
  for (const ref of service.configs ?? []) {
    const source = typeof ref === 'string' ? ref : ref.source;
    const target = typeof ref === 'string' ? `/${ref}` : (ref.target ?? `/${ref.source}`);
    if (target !== containerPath) continue;
    const config = doc.configs?.[source];
    if (!config) throw new DeploymentError(`service "${serviceName}" uses config "${source}", which is not defined`);
    if (config.content !== undefined) return config.content;
    if (config.file) return readLocal(baseDir, config.file, serviceName);
  }
  for (const volume of service.volumes ?? []) {
    const [source, target] = typeof volume === 'string' ? volume.split(':') : [volume.source, volume.target];
    if (target === containerPath && source && /^[./]/.test(source)) return readLocal(baseDir, source, serviceName);
  }
  throw new DeploymentError(`nothing provides ${containerPath} to service "${serviceName}" (no config or bind mount targets it)`);
}

function readLocal(baseDir: string, path: string, serviceName: string): string {
  const full = resolve(baseDir, path);
  if (!existsSync(full)) throw new DeploymentError(`service "${serviceName}" mounts ${path}, which does not exist`);
  return readFileSync(full, 'utf8');
}
