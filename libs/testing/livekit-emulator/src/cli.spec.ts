import { type EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';

import { build } from 'esbuild';
import { RoomServiceClient } from 'livekit-server-sdk';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** Bundles the CLI the way the `bundle-cli` target does and runs it as `npm run emulator` would. */
describe('CLI (npm run emulator)', () => {
  let azurite: EmbeddedAzurite;
  let dir: string;
  let cli: string;

  beforeAll(async () => {
    azurite = await startEmbeddedAzurite();
    dir = await mkdtemp(join(tmpdir(), 'emu-cli-'));
    cli = join(dir, 'cli.js');
    await build({
      entryPoints: [resolve(__dirname, 'cli.ts')],
      bundle: true,
      platform: 'node',
      packages: 'external',
      outfile: cli,
      logLevel: 'silent',
      // The bundle lives outside the repo here, so point package resolution back at the workspace.
      nodePaths: [resolve(__dirname, '../../../../node_modules')],
    });
  });
  afterAll(async () => {
    await azurite.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('starts from the environment, says it is not a LiveKit server, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, [cli], {
      env: {
        ...process.env,
        NODE_PATH: resolve(__dirname, '../../../../node_modules'),
        EMULATOR_PORT: '0',
        EMULATOR_BLOB_ENDPOINT: azurite.blobEndpoint,
        EMULATOR_WEBHOOK_URL: 'none',
        LIVEKIT_API_KEY: 'demokey',
        LIVEKIT_API_SECRET: 'a-demo-secret-that-must-not-be-printed',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    try {
      const url = await new Promise<string>((resolveUrl, reject) => {
        const timer = setTimeout(() => reject(new Error(`CLI did not start:\n${out}`)), 40_000);
        child.stdout.on('data', () => {
          const match = /LiveKit server API \(Twirp\)\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (match) {
            clearTimeout(timer);
            resolveUrl(match[1]);
          }
        });
      });
      expect(out).toMatch(/NOT a LiveKit server/);
      expect(out).toMatch(/API key\s+demokey/);
      expect(out).not.toContain('a-demo-secret-that-must-not-be-printed');

      await fetch(`${url}/emulator/rooms`, { method: 'POST', body: JSON.stringify({ name: 'demo' }) });
      const rooms = await new RoomServiceClient(url, 'demokey', 'a-demo-secret-that-must-not-be-printed').listRooms();
      expect(rooms.map((r) => r.name)).toEqual(['demo']);
    } finally {
      child.kill('SIGTERM');
    }
    // Never leave it running (its pipes would keep jest from exiting) if it does not stop on SIGTERM.
    const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    try {
      expect(await exited).toBe(0);
    } finally {
      clearTimeout(killer);
    }
  }, 60_000);
});
