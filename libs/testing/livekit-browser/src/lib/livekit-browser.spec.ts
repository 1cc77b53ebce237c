import { EmbeddedLiveKit, installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';

import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';

import { LiveKitBrowser } from './livekit-browser';

const KEY = 'devkey';
const SECRET = 'livekit-browser-spec-secret-0123456789';
const ROOM = 'browser-spec';

function token(identity: string, grants: Record<string, unknown> = {}, kind?: string): Promise<string> {
  const accessToken = new AccessToken(KEY, SECRET, { identity, name: identity, ttl: 600 });
  if (kind) accessToken.kind = kind;
  accessToken.addGrant({ roomJoin: true, room: ROOM, canPublish: true, canSubscribe: true, canPublishData: true, ...grants });
  return accessToken.toJwt();
}

describe('LiveKitBrowser against the real livekit-server', () => {
  let server: EmbeddedLiveKit;
  let browser: LiveKitBrowser;
  let rooms: RoomServiceClient;

  beforeAll(async () => {
    server = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), keys: { [KEY]: SECRET } });
    browser = await LiveKitBrowser.launch();
    rooms = new RoomServiceClient(server.url, KEY, SECRET);
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('connects publishers over loopback WebRTC, and a recorder turns the room into a recording one', async () => {
    const alice = await browser.join(server.wsUrl, await token('alice'), { publish: true });
    const bob = await browser.join(server.wsUrl, await token('bob'), { publish: true });
    await alice.waitFor((e) => e.type === 'trackSubscribed' && e.identity === 'bob' && e.kind === 'video');
    await bob.waitFor((e) => e.type === 'trackSubscribed' && e.identity === 'alice' && e.kind === 'video');

    const recorder = await browser.join(
      server.wsUrl,
      await token('EG_spec', { canPublish: false, canPublishData: false, hidden: true, recorder: true }, 'egress'),
    );
    await recorder.waitFor((e) => e.type === 'trackSubscribed');
    await alice.waitFor((e) => e.type === 'recordingStatusChanged' && e.recording);
    const [room] = await rooms.listRooms([ROOM]);
    expect(room.activeRecording).toBe(true);
    expect(room.numParticipants).toBe(2);
    expect((await bob.state()).remote.map((p) => p.identity)).toEqual(['alice']);

    await recorder.leave();
    await bob.waitFor((e) => e.type === 'recordingStatusChanged' && !e.recording);
    await alice.leave();
    await bob.waitFor((e) => e.type === 'participantDisconnected' && e.identity === 'alice');
    await bob.leave();
  }, 60_000);
});
