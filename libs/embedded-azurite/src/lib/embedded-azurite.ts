import { ChildProcess, spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

/** Azurite's well-known development account (public, documented by Microsoft; not a secret). */
export const AZURITE_ACCOUNT_NAME = 'devstoreaccount1';
export const AZURITE_ACCOUNT_KEY = 'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface EmbeddedAzuriteOptions {
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Folder for the data; undefined keeps everything in memory. */
  location?: string;
  startTimeoutMs?: number;
  /**
   * Serve HTTPS with this certificate and key (PEM files), as Azure storage is read in production. Every process
   * that talks to it must trust the certificate (`NODE_EXTRA_CA_CERTS`): TLS checks are never turned off.
   */
  tls?: { cert: string; key: string };
}

export interface EmbeddedAzurite {
  readonly accountName: string;
  readonly accountKey: string;
  /** Blob service URL, `http(s)://<host>:<port>/devstoreaccount1`. */
  readonly blobEndpoint: string;
  readonly port: number;
  stop(): Promise<void>;
}

/**
 * Starts Azurite's blob service as a child process: the API's embedded storage when no Azure account is
 * configured, and the real storage of the tests and benchmarks. The CLI entry point is Azurite's stable
 * interface (its internal classes are not); `--skipApiVersionCheck` because the storage SDK speaks a newer
 * API version than Azurite announces.
 */
export async function startEmbeddedAzurite(options: EmbeddedAzuriteOptions = {}): Promise<EmbeddedAzurite> {
  const host = options.host ?? '127.0.0.1';
  const args = [
    azuriteBlobEntryPoint(),
    '--blobHost',
    host,
    '--blobPort',
    String(options.port ?? 0),
    '--loose',
    '--skipApiVersionCheck',
    '--disableTelemetry',
  ];
  if (options.location) {
    mkdirSync(options.location, { recursive: true });
    args.push('--location', options.location);
  } else {
    args.push('--inMemoryPersistence');
  }
  if (options.tls) args.push('--cert', options.tls.cert, '--key', options.tls.key);
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const port = await waitForListening(child, options.startTimeoutMs ?? 20_000);
  const listeningSince = Date.now();
  return {
    accountName: AZURITE_ACCOUNT_NAME,
    accountKey: AZURITE_ACCOUNT_KEY,
    blobEndpoint: `${options.tls ? 'https' : 'http'}://${host}:${port}/${AZURITE_ACCOUNT_NAME}`,
    port,
    stop: () => stopChild(child, listeningSince),
  };
}

function azuriteBlobEntryPoint(): string {
  // Resolved at run time from the working folder (the API bundle leaves node_modules external).
  return createRequire(join(process.cwd(), 'noop.js')).resolve('azurite/dist/src/blob/main.js');
}

function waitForListening(child: ChildProcess, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => fail(new Error(`Azurite did not start within ${timeoutMs} ms: ${output.trim()}`)), timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /successfully listens on https?:\/\/[^\s:]+:(\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.stdout?.resume();
        child.stderr?.resume();
        resolve(Number(match[1]));
      }
    };
    const fail = (error: Error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(error);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('exit', (code) => fail(new Error(`Azurite exited with code ${code} before listening: ${output.trim()}`)));
  });
}

/**
 * Azurite saves its metadata when it closes on SIGTERM, but installs that handler a moment after it reports
 * listening (after its telemetry set-up); a SIGTERM in between kills it unsaved. Measured at a few tens of
 * milliseconds, so stopping waits until it has been listening for a second.
 */
const SETTLE_MS = 1_000;

async function stopChild(child: ChildProcess, listeningSince: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await sleep(Math.max(0, listeningSince + SETTLE_MS - Date.now()));
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(killer);
}
