import type { EgressRoom, EgressRooms, RecorderEvents } from './egress-rooms';
import { hasPublisher, type RoomRegistry, type RoomState } from './room-registry';

interface Recorder {
  roomName: string;
  roomSid: string;
  events: RecorderEvents;
  timer?: NodeJS.Timeout;
  /** Nobody published when it looked: it starts once a publisher joins. */
  waiting: boolean;
}

/**
 * Egress over the emulator's own rooms: the recorder is a hidden EGRESS participant in the registry, and "media
 * flows" `activeAfterMs` after there is a (non-hidden) publisher in the room.
 */
export class EmulatedEgressRooms implements EgressRooms {
  private readonly recorders = new Map<string, Recorder>();

  constructor(
    private readonly rooms: RoomRegistry,
    private readonly activeAfterMs: number,
  ) {}

  async find(name: string): Promise<EgressRoom | undefined> {
    const room = this.rooms.get(name);
    return room && { name: room.name, sid: room.sid };
  }

  startRecorder(egressId: string, room: EgressRoom, events: RecorderEvents): void {
    const recorder: Recorder = { roomName: room.name, roomSid: room.sid, events, waiting: false };
    this.recorders.set(egressId, recorder);
    // The recorder joins right away, hidden, and turns on active_recording.
    this.rooms.join(room.name, egressId, { publisher: false, kind: 'EGRESS' });
    this.scheduleMediaCheck(recorder);
  }

  stopRecorder(egressId: string): void {
    const recorder = this.recorders.get(egressId);
    if (!recorder) return;
    clearTimeout(recorder.timer);
    this.recorders.delete(egressId);
    const room = this.rooms.get(recorder.roomName);
    if (room && room.sid === recorder.roomSid) this.rooms.leave(room.name, egressId);
  }

  async setRecorderMetadata(egressId: string, room: EgressRoom, metadata: string): Promise<boolean> {
    const participant = this.rooms.get(room.name)?.participants.get(egressId);
    if (!participant) return false;
    participant.metadata = metadata;
    return true;
  }

  reset(): void {
    for (const recorder of this.recorders.values()) clearTimeout(recorder.timer);
    this.recorders.clear();
  }

  /** Registry hook: a publisher joined, so recorders waiting in that room can get media. */
  participantJoined(room: RoomState): void {
    if (!hasPublisher(room)) return;
    for (const recorder of this.recorders.values()) {
      if (recorder.roomSid !== room.sid || !recorder.waiting) continue;
      recorder.waiting = false;
      this.scheduleMediaCheck(recorder);
    }
  }

  /** Registry hook: the room was deleted under its recorders. */
  roomDeleted(room: RoomState): void {
    for (const recorder of [...this.recorders.values()]) {
      if (recorder.roomSid === room.sid) recorder.events.roomClosed();
    }
  }

  private scheduleMediaCheck(recorder: Recorder): void {
    clearTimeout(recorder.timer);
    recorder.timer = setTimeout(() => {
      const room = this.rooms.get(recorder.roomName);
      if (room && room.sid === recorder.roomSid && hasPublisher(room)) recorder.events.mediaFlowing();
      else recorder.waiting = true;
    }, this.activeAfterMs);
  }
}
