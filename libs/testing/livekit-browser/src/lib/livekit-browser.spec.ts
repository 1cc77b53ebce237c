import { EmbeddedLiveKit, installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';

import { AccessToken, RoomServiceClient, TrackSource, TrackType } from 'livekit-server-sdk';

import { LiveKitBrowser } from './livekit-browser';

const KEY = 'devkey';
const SECRET = 'livekit-browser-spec-secret-0123456789';
const ROOM = 'browser-spec';

function token(identity: string, grants: Record<string, unknown> = {}, kind?: string, room = ROOM): Promise<string> {
  const accessToken = new AccessToken(KEY, SECRET, { identity, name: identity, ttl: 600 });
  if (kind) accessToken.kind = kind;
  accessToken.addGrant({ roomJoin: true, room, canPublish: true, canSubscribe: true, canPublishData: true, ...grants });
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

  it('publishes a fake camera or the A/V sync source at the size asked for, one layer, and may receive nothing', async () => {
    const room = 'browser-spec-sizes';
    const camera = await browser.join(server.wsUrl, await token('camera', {}, undefined, room), {
      publish: { video: { width: 640, height: 360, frameRate: 15 } },
      autoSubscribe: false,
    });
    const sync = await browser.join(server.wsUrl, await token('sync', {}, undefined, room), {
      publish: { source: 'av-sync', video: { width: 480, height: 270, frameRate: 30 } },
      autoSubscribe: false,
    });
    const published = async () => {
      const participants = await rooms.listParticipants(room);
      return Object.fromEntries(
        participants.map((p) => [
          p.identity,
          p.tracks.map((t) => ({ type: t.type, source: t.source, width: t.width, height: t.height, simulcast: t.simulcast })),
        ]),
      );
    };
    let tracks = await published();
    for (let i = 0; i < 50 && Object.values(tracks).some((list) => list.length < 2); i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      tracks = await published();
    }
    const audio = { type: TrackType.AUDIO, source: TrackSource.MICROPHONE, width: 0, height: 0, simulcast: false };
    expect(tracks['camera']).toEqual(
      expect.arrayContaining([audio, { type: TrackType.VIDEO, source: TrackSource.CAMERA, width: 640, height: 360, simulcast: false }]),
    );
    expect(tracks['sync']).toEqual(
      expect.arrayContaining([audio, { type: TrackType.VIDEO, source: TrackSource.CAMERA, width: 480, height: 270, simulcast: false }]),
    );
    // Neither asked to receive: the other's tracks are known but not subscribed.
    const remote = (await camera.state()).remote.find((p) => p.identity === 'sync');
    expect(remote?.tracks.map((t) => t.subscribed)).toEqual([false, false]);
    await sync.leave();
    await camera.leave();
  }, 60_000);
});
