import { RoomServiceClient } from 'livekit-server-sdk';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

import { EmbeddedLiveKit, startEmbeddedLiveKit } from './embedded-livekit';
import { defaultLiveKitServerPath, installedLiveKitServer } from './installed-livekit-server';
import { liveKitServerConfig } from './livekit-server-config';

const KEYS = { devkey: 'embedded-livekit-spec-secret-0123456789' };

describe('liveKitServerConfig', () => {
  const config = liveKitServerConfig({ port: 7880, rtcTcpPort: 7881, rtcUdpPort: 7882, keys: KEYS });

  it('keeps every address on loopback and asks no public STUN server', () => {
    expect(config['bind_addresses']).toEqual(['127.0.0.1']);
    expect(config['rtc']).toMatchObject({
      node_ip: '127.0.0.1',
      use_external_ip: false,
      enable_loopback_candidate: true,
      stun_servers: ['127.0.0.1:7882'],
    });
  });

  it('signs webhooks with one of its keys and refuses any other', () => {
    expect(
      liveKitServerConfig({
        port: 1,
        rtcTcpPort: 2,
        rtcUdpPort: 3,
        keys: KEYS,
        webhook: { apiKey: 'devkey', urls: ['http://127.0.0.1:1/livekit/webhook'] },
      })['webhook'],
    ).toEqual({
      api_key: 'devkey',
      urls: ['http://127.0.0.1:1/livekit/webhook'],
    });
    expect(() =>
      liveKitServerConfig({ port: 1, rtcTcpPort: 2, rtcUdpPort: 3, keys: KEYS, webhook: { apiKey: 'other', urls: [] } }),
    ).toThrow(/not one of the server's keys/);
  });
});

describe('installedLiveKitServer', () => {
  it('looks where scripts/livekit-server.sh builds it', () => {
    const root = join(__dirname, '..', '..', '..', '..');
    const scriptPath = execFileSync('bash', [join(root, 'scripts', 'livekit-server.sh'), '--print-path'], {
      cwd: root,
      env: { ...process.env, RECORDING_CACHE_DIR: '/tmp/some-cache' },
    })
      .toString()
      .trim();
    expect(defaultLiveKitServerPath({ RECORDING_CACHE_DIR: '/tmp/some-cache' })).toBe(scriptPath);
  });

  it('names the command that installs it when it is missing', () => {
    expect(() => installedLiveKitServer({ LIVEKIT_SERVER_BIN: '/nonexistent/livekit-server' })).toThrow(/run npm test once/);
  });
});

describe('startEmbeddedLiveKit (the real livekit-server)', () => {
  let server: EmbeddedLiveKit;

  beforeAll(async () => {
    server = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), keys: KEYS });
  });
  afterAll(() => server?.stop());

  it('answers its health check and the server API with its keys on free loopback ports', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(server.url)).text()).toBe('OK');
    const rooms = new RoomServiceClient(server.url, 'devkey', KEYS.devkey);
    const room = await rooms.createRoom({ name: 'embedded-spec' });
    expect(room.sid).toMatch(/^RM_/);
    expect((await rooms.listRooms(['embedded-spec'])).map((r) => r.name)).toEqual(['embedded-spec']);
  });

  it('refuses a key it does not know', async () => {
    const rooms = new RoomServiceClient(server.url, 'devkey', 'another-secret-of-enough-length-000000');
    await expect(rooms.listRooms()).rejects.toMatchObject({ status: 401 });
  });

  it('stops its process', async () => {
    const other = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), keys: KEYS });
    await other.stop();
    await expect(fetch(other.url)).rejects.toThrow();
  });
});
