import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { killOnExit } from './shutdown';

export interface ApiProcess {
  readonly url: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ApiSettings {
  bundle: string;
  logFile: string;
  /** Exactly what the API reads; nothing else of the bench's environment is passed on. */
  environment: Record<string, string>;
}

const START_TIMEOUT_MS = 30_000;
const STOP_GRACE_MS = 5_000;
const START_ATTEMPTS = 3;

/**
 * The production bundle as its own process, as `npm start` runs it, so that its memory is its own. It runs
 * in an empty folder so that a developer's `.env` cannot change what is measured.
 */
export async function startApi(settings: ApiSettings): Promise<ApiProcess> {
  if (!existsSync(settings.bundle)) {
    throw new Error(`No API build at ${settings.bundle}: run "npx nx build api --configuration=production" (npm run bench does).`);
  }
  // The API takes a port number, not 0: a free port is picked here, and taken again should another
  // process grab it in between.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(settings, await freeLoopbackPort());
    } catch (error) {
      if (attempt >= START_ATTEMPTS || !/EADDRINUSE/.test(tail(settings.logFile))) throw error;
    }
  }
}

async function startOnce(settings: ApiSettings, port: number): Promise<ApiProcess> {
  const workDir = mkdtempSync(join(tmpdir(), 'bench-api-'));
  const log = openSync(settings.logFile, 'w');
  const child = spawn(process.execPath, [settings.bundle], {
    cwd: workDir,
    env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NODE_ENV: 'production', ...settings.environment, SERVER_PORT: String(port) },
    stdio: ['ignore', log, log],
  });
  closeSync(log);
  killOnExit(child);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const killer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
      child.kill('SIGTERM');
      await exited;
      clearTimeout(killer);
    }
    rmSync(workDir, { recursive: true, force: true });
  };

  const url = `http://127.0.0.1:${port}`;
  try {
    await waitForHealth(url, exited);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n--- last lines of ${settings.logFile} ---\n${tail(settings.logFile)}`, { cause: error });
  }
  if (child.pid === undefined) throw new Error('The API process has no pid');
  return { url, pid: child.pid, stop };
}

async function waitForHealth(url: string, exited: Promise<void>): Promise<void> {
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (gone) throw new Error('The API exited during start-up');
    if ((await statusOf(`${url}/health`)) === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`The API did not answer /health within ${START_TIMEOUT_MS / 1000} s`);
}

function statusOf(url: string): Promise<number | undefined> {
  return new Promise((resolve) => {
    const req = request(url, { timeout: 1_000 }, (response) => {
      response.resume();
      resolve(response.statusCode);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(undefined));
    req.end();
  });
}

function freeLoopbackPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
