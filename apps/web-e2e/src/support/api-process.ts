import { ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

export const ROOT = join(__dirname, '..', '..', '..', '..');
export const API_BUNDLE = join(ROOT, 'dist', 'apps', 'api', 'main.js');

/** A running production API bundle and what it printed (the end of its log explains a failure). */
export interface ApiProcess {
  child: ChildProcess;
  output: string[];
}

/** The production API bundle serving the production SPA on `port`; resolves once it is ready. */
export async function startApi(port: number, environment: Record<string, string>): Promise<ApiProcess> {
  const child = spawn(process.execPath, [API_BUNDLE], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...environment, SERVER_PORT: String(port) },
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 2000) output.splice(0, 1000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  await waitForReady(child, port, output);
  return { child, output };
}

async function waitForReady(api: ChildProcess, port: number, output: string[]): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (api.exitCode !== null) throw new Error(`The API exited (${api.exitCode}):\n${output.join('')}`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  api.kill('SIGKILL');
  throw new Error(`The API did not become ready on port ${port}:\n${output.join('')}`);
}

/** SIGTERM (the API shuts down in order), SIGKILL after 5 s; resolves once it has exited. */
export function stopApi(api: ApiProcess | ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  const child = 'child' in api ? api.child : api;
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill(signal);
    setTimeout(() => child.kill('SIGKILL'), 5000).unref();
  });
}

/** A port nothing listens on now (taken and released at once). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
