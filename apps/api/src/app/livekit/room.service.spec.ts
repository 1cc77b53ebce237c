import { LiveKitEmulator } from '@recording/testing/livekit-emulator';

import { AppConfig } from '../config/app-config';
import { UpstreamUnavailableError } from '../errors/domain-errors';
import { RoomService } from './room.service';

const KEYS = { devkey: 'room-service-spec-secret-0123456789' };

/** The adapter through the real livekit-server-sdk against the LiveKit emulator (no storage needed for rooms). */
describe('RoomService', () => {
  let emulator: LiveKitEmulator;
  let rooms: RoomService;

  beforeAll(async () => {
    emulator = await LiveKitEmulator.start({
      keys: KEYS,
      storage: { blobEndpoint: 'http://127.0.0.1:9/devstoreaccount1', accountName: 'devstoreaccount1', accountKey: 'a2V5' },
    });
    rooms = new RoomService(
      AppConfig.fromEnvironment({ LIVEKIT_URL: emulator.url, LIVEKIT_API_KEY: 'devkey', LIVEKIT_API_SECRET: KEYS.devkey }),
    );
  });
  afterAll(() => emulator.stop());
  beforeEach(() => emulator.reset());

  it('finds a room by name with its SID, and nothing for an unknown name', async () => {
    const { sid } = emulator.createRoom('Daily Standup');
    await expect(rooms.findRoom('Daily Standup')).resolves.toMatchObject({ name: 'Daily Standup', sid, metadata: '' });
    await expect(rooms.findRoom('Nobody Here')).resolves.toBeUndefined();
  });

  it('lists the people in the room by identity and name, and whether they publish', async () => {
    emulator.createRoom('Daily Standup');
    emulator.addParticipant('Daily Standup', 'ada-1', { name: 'Ada' });
    emulator.addParticipant('Daily Standup', 'bo-2', { name: 'Bo', publisher: false });
    await expect(rooms.listPeople('Daily Standup')).resolves.toEqual([
      { identity: 'ada-1', name: 'Ada', publishing: true },
      { identity: 'bo-2', name: 'Bo', publishing: false },
    ]);
  });

  it('writes the room metadata and reads it back', async () => {
    emulator.createRoom('Daily Standup');
    const metadata = JSON.stringify({ recording: { name: 'RoomComposite-Daily Standup-2026-11-23T101500-RM_x.mp4' } });
    await expect(rooms.updateMetadata('Daily Standup', metadata)).resolves.toMatchObject({ name: 'Daily Standup', metadata });
    await expect(rooms.readMetadata('Daily Standup')).resolves.toBe(metadata);
    expect(emulator.getRoom('Daily Standup')?.metadata).toBe(metadata);
  });

  it('answers undefined for the metadata of a room that does not exist', async () => {
    await expect(rooms.updateMetadata('Nobody Here', '{}')).resolves.toBeUndefined();
    await expect(rooms.readMetadata('Nobody Here')).resolves.toBeUndefined();
  });

  it('sends a data message to the room on its topic', async () => {
    emulator.createRoom('Daily Standup');
    await rooms.sendData('Daily Standup', new TextEncoder().encode('{"type":"ping"}'), 'recording-status');
    expect(emulator.sentData).toEqual([
      expect.objectContaining({ room: 'Daily Standup', topic: 'recording-status', payload: '{"type":"ping"}' }),
    ]);
  });

  it('reports LiveKit unreachable as an upstream-unavailable error', async () => {
    const down = new RoomService(AppConfig.fromEnvironment({ LIVEKIT_URL: 'http://127.0.0.1:9' }));
    await expect(down.ping()).rejects.toBeInstanceOf(UpstreamUnavailableError);
  });
});
