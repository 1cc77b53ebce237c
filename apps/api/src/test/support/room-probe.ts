import { ListRecordingsResponse, parseRoomRecording, RecordingSignal, RecordingStatus, RoomRecording } from '@recording/contracts';

import { createHash } from 'node:crypto';

import { roomAuth } from './credentials';
import { eventually } from './eventually';
import { postJson, requestJson } from './http';
import { TestServer } from './test-server';

/** What one API server (and its replicas) does with a room, seen from outside: HTTP, the emulator, storage. */
export function roomProbe(server: () => TestServer) {
  const announced = (roomName: string) =>
    server()
      .emulator.sentData.filter((packet) => packet.room === roomName)
      .map((packet) => JSON.parse(packet.payload) as RecordingSignal)
      .flatMap((signal) => (signal.type === 'recording_status' ? [{ status: signal.recording.status, error: signal.error }] : []));
  const roomRecording = (roomName: string): RoomRecording | undefined => parseRoomRecording(server().emulator.getRoom(roomName)?.metadata);
  /** What the API stores about one recording, as a replica would read it. */
  const storedRecord = async (roomName: string, egressId: string): Promise<Record<string, unknown> | undefined> => {
    const room = createHash('sha256').update(roomName).digest('hex');
    const blob = server().container.getBlobClient(`recordings/.state/${room}/${egressId}.json`);
    if (!(await blob.exists())) return undefined;
    return JSON.parse((await blob.downloadToBuffer()).toString('utf8')) as Record<string, unknown>;
  };
  const listed = async (roomName: string) =>
    (
      await requestJson<ListRecordingsResponse>(`${server().url}/recordings?roomName=${encodeURIComponent(roomName)}`, {
        headers: roomAuth(roomName),
      })
    ).body.recordings;
  const start = async (roomName: string, via = server().url, name = 'Ada'): Promise<string> => {
    const started = await postJson<{ recording: { name: string } }>(`${via}/recordings/start`, { roomName }, roomAuth(roomName, { name }));
    if (started.status !== 200) throw new Error(`POST /recordings/start answered ${started.status}: ${JSON.stringify(started.body)}`);
    return server().emulator.listEgresses({ roomName, active: true })[0].egressId;
  };
  const stop = (roomName: string, via = server().url) => postJson(`${via}/recordings/stop`, { roomName }, roomAuth(roomName));
  const stopCalls = () => server().emulator.twirpCalls.filter((call) => call.method === 'livekit.Egress/StopEgress').length;
  /**
   * Until the room heard that the recording is `status`, by metadata and by data message (the API writes the one,
   * then sends the other); the room's recording then.
   */
  const told = (roomName: string, status: RecordingStatus): Promise<RoomRecording> =>
    eventually(() => {
      const recording = roomRecording(roomName);
      return recording?.status === status && announced(roomName).some((signal) => signal.status === status) ? recording : undefined;
    });
  return { announced, roomRecording, told, storedRecord, listed, start, stop, stopCalls };
}
