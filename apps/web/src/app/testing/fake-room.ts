import { RECORDING_DATA_TOPIC, RecordingSignal, RecordingStatus, RoomRecording } from '@recording/contracts';

import { EventEmitter } from 'events';
import { RoomEvent } from 'livekit-client';

import { RecordingRoom } from '../room/call-session';

/** Stands in for livekit-client's `Room`: the same event names and arguments, driven by the test. */
export class FakeRoom extends EventEmitter implements RecordingRoom {
  isRecording = false;
  metadata: string | undefined = undefined;

  constructor(
    readonly name = 'Test Room',
    private readonly sid = 'RM_test1',
  ) {
    super();
  }

  getSid(): Promise<string> {
    return Promise.resolve(this.sid);
  }

  /** What LiveKit does when the egress recorder joins or leaves. */
  setRecording(isRecording: boolean): void {
    this.isRecording = isRecording;
    this.emit(RoomEvent.RecordingStatusChanged, isRecording);
  }

  /** What LiveKit does when the API updates the room metadata (`RoomMetadataChanged` only on a change). */
  setMetadata(metadata: string): void {
    if (metadata === this.metadata) return;
    this.metadata = metadata;
    this.emit(RoomEvent.RoomMetadataChanged, metadata);
  }

  /** The API writing its current recording into the metadata, keeping the other keys. */
  setRoomRecording(recording: RoomRecording): void {
    const current = this.metadata ? (JSON.parse(this.metadata) as Record<string, unknown>) : {};
    this.setMetadata(JSON.stringify({ ...current, recording }));
  }

  /** A data message on the recording topic; from the server unless a participant is given. */
  signal(message: RecordingSignal, participant?: object): void {
    const payload = new TextEncoder().encode(JSON.stringify(message));
    this.emit(RoomEvent.DataReceived, payload, participant, 0, RECORDING_DATA_TOPIC);
  }

  status(name: string, status: RecordingStatus, error?: string): void {
    this.signal({
      type: 'recording_status',
      recording: { name, roomName: this.name, roomId: this.sid, status },
      ...(error ? { error } : {}),
    });
  }
}
