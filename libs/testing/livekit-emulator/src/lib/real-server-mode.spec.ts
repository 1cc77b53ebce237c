import { EmbeddedAzurite, startEmbeddedAzurite } from '@recording/embedded-azurite';
import { EmbeddedLiveKit, installedLiveKitServer, startEmbeddedLiveKit } from '@recording/embedded-livekit';
import { LiveKitBrowser } from '@recording/testing/livekit-browser';

import { BlobServiceClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import {
  AccessToken,
  AzureBlobUpload,
  EgressClient,
  EgressStatus,
  EncodedFileOutput,
  EncodedFileType,
  RoomServiceClient,
} from 'livekit-server-sdk';

import { LiveKitEmulator } from './livekit-emulator';
import { proto } from './protocol';

const KEY = 'devkey';
const SECRET = 'real-server-mode-spec-secret-0123456789';
const CONTAINER = 'real-mode-recordings';
const ROOM = 'Real Room';

async function joinToken(identity: string): Promise<string> {
  const token = new AccessToken(KEY, SECRET, { identity, name: identity, ttl: 600 });
  token.addGrant({ roomJoin: true, room: ROOM, canPublish: true, canSubscribe: true, canPublishData: true });
  return token.toJwt();
}

describe('LiveKitEmulator next to a real livekit-server (only Egress emulated)', () => {
  let azurite: EmbeddedAzurite;
  let server: EmbeddedLiveKit;
  let emulator: LiveKitEmulator;
  let browser: LiveKitBrowser;
  let egress: EgressClient;
  let rooms: RoomServiceClient;
  let output: EncodedFileOutput;

  beforeAll(async () => {
    azurite = await startEmbeddedAzurite();
    const blobs = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey));
    await blobs.createContainer(CONTAINER);
    server = await startEmbeddedLiveKit({ binary: installedLiveKitServer(), keys: { [KEY]: SECRET } });
    emulator = await LiveKitEmulator.start({
      keys: { [KEY]: SECRET },
      liveKitServer: { url: server.url },
      storage: { blobEndpoint: azurite.blobEndpoint, accountName: azurite.accountName, accountKey: azurite.accountKey },
      timing: { activeAfterMs: 100, endingAfterMs: 100 },
      recordingSeconds: 2,
    });
    browser = await LiveKitBrowser.launch();
    // The API's one LIVEKIT_URL: Egress answered by the emulator, everything else by the real server.
    egress = new EgressClient(emulator.url, KEY, SECRET);
    rooms = new RoomServiceClient(emulator.url, KEY, SECRET);
    output = new EncodedFileOutput({
      fileType: EncodedFileType.MP4,
      filepath: 'recordings/RoomComposite-{room_name}-{time}-{room_id}',
      disableManifest: true,
      output: {
        case: 'azure',
        value: new AzureBlobUpload({ accountName: azurite.accountName, accountKey: azurite.accountKey, containerName: CONTAINER }),
      },
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await emulator?.stop();
    await server?.stop();
    await azurite?.stop();
  });

  it('records a real room: its recorder makes the server report the recording, and the MP4 lands in storage', async () => {
    const alice = await browser.join(server.wsUrl, await joinToken('alice'), { publish: true });
    const [room] = await rooms.listRooms([ROOM]);
    expect(room.sid).toMatch(/^RM_/);

    const started = await egress.startRoomCompositeEgress(ROOM, output);
    expect(started.status).toBe(EgressStatus.EGRESS_STARTING);
    expect(started.roomId).toBe(room.sid);
    await alice.waitFor((e) => e.type === 'recordingStatusChanged' && e.recording);
    const recorder = (await rooms.listParticipants(ROOM)).find((p) => p.identity === started.egressId);
    expect(recorder).toMatchObject({
      kind: proto.ParticipantInfo_Kind.EGRESS,
      permission: expect.objectContaining({ hidden: true, recorder: true }),
    });
    expect((await rooms.listRooms([ROOM]))[0]).toMatchObject({ activeRecording: true, numParticipants: 1 });

    const active = await emulator.waitForEgress(started.egressId, ['EGRESS_ACTIVE']);
    expect(active.filename).toMatch(/^recordings\/RoomComposite-Real Room-\d{4}-\d{2}-\d{2}T\d{6}-RM_\w+\.mp4$/);
    const stopped = await egress.stopEgress(started.egressId);
    expect(stopped.status).toBe(EgressStatus.EGRESS_ENDING);
    const complete = await emulator.waitForEgress(started.egressId, ['EGRESS_COMPLETE']);
    expect(complete.size).toBeGreaterThan(1000);
    await alice.waitFor((e) => e.type === 'recordingStatusChanged' && !e.recording);

    const blob = new BlobServiceClient(azurite.blobEndpoint, new StorageSharedKeyCredential(azurite.accountName, azurite.accountKey))
      .getContainerClient(CONTAINER)
      .getBlobClient(complete.filename);
    expect((await blob.getProperties()).contentLength).toBe(complete.size);
    await alice.leave();
  }, 60_000);

  it('answers a start in a room the real server does not have like the server does', async () => {
    await expect(egress.startRoomCompositeEgress('No Such Room', output)).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });

  it("passes the server API's answers through unchanged, errors included", async () => {
    await expect(rooms.updateRoomMetadata('No Such Room', '{}')).rejects.toMatchObject({
      status: 404,
      message: 'twirp error unknown: requested room does not exist',
    });
    expect(emulator.twirpCalls).toContainEqual({ method: 'livekit.RoomService/UpdateRoomMetadata', status: 404 });
  });

  it('refuses to make up rooms or participants: they are the real ones', () => {
    expect(() => emulator.addParticipant(ROOM, 'ghost')).toThrow(/real LiveKit server/);
  });
});
