import { newId } from './ids';
import { type ParticipantInfo, proto, type Room } from './protocol';
import type { EmulatedParticipant, EmulatedRoom } from './types';
import type { WebhookPayload } from './webhook-sender';

export interface ParticipantState {
  sid: string;
  identity: string;
  name: string;
  publisher: boolean;
  kind: 'STANDARD' | 'EGRESS';
  metadata: string;
  joinedAtMs: number;
  trackSids: { video: string; audio: string };
}

export interface RoomState {
  sid: string;
  name: string;
  metadata: string;
  creationTimeMs: number;
  participants: Map<string, ParticipantState>;
}

export interface RoomRegistryHooks {
  /** Sends a webhook; `resource` orders events (LiveKit queues per room name for room/participant events). */
  notify(payload: WebhookPayload, resource: string): void;
  participantJoined(room: RoomState, participant: ParticipantState): void;
  roomDeleted(room: RoomState): void;
}

/** Server defaults of a room created on join (livekit-server `config-sample.yaml`). */
const EMPTY_TIMEOUT_S = 300;
const DEPARTURE_TIMEOUT_S = 20;
const ENABLED_CODECS = ['audio/opus', 'audio/red', 'video/VP8', 'video/H264', 'video/VP9', 'video/AV1'];

/** Rooms and participants as the LiveKit server stores them (without any media). */
export class RoomRegistry {
  private readonly rooms = new Map<string, RoomState>();

  constructor(private readonly hooks: RoomRegistryHooks) {}

  get(name: string): RoomState | undefined {
    return this.rooms.get(name);
  }

  all(): RoomState[] {
    return [...this.rooms.values()];
  }

  clear(): void {
    this.rooms.clear();
  }

  /** Idempotent, like CreateRoom on an existing room. */
  create(name: string, metadata = ''): RoomState {
    const existing = this.rooms.get(name);
    if (existing) return existing;
    const room: RoomState = { sid: newId('RM_'), name, metadata, creationTimeMs: Date.now(), participants: new Map() };
    this.rooms.set(name, room);
    this.hooks.notify({ event: 'room_started', room: this.toRoom(room) }, name);
    return room;
  }

  /**
   * Joins a participant, creating the room like a real join does. A second join with the same identity replaces
   * the first one (LiveKit disconnects the older session with DUPLICATE_IDENTITY).
   */
  join(
    roomName: string,
    identity: string,
    options: { name?: string; publisher?: boolean; kind?: 'STANDARD' | 'EGRESS' } = {},
  ): ParticipantState {
    const room = this.create(roomName);
    if (room.participants.has(identity)) this.leave(roomName, identity);
    const participant: ParticipantState = {
      sid: newId('PA_'),
      identity,
      name: options.name ?? '',
      publisher: options.publisher ?? true,
      kind: options.kind ?? 'STANDARD',
      metadata: '',
      joinedAtMs: Date.now(),
      trackSids: { video: newId('TR_'), audio: newId('TR_') },
    };
    room.participants.set(identity, participant);
    this.hooks.notify({ event: 'participant_joined', room: this.toRoom(room), participant: this.toParticipant(participant) }, roomName);
    this.hooks.participantJoined(room, participant);
    return participant;
  }

  /** Returns false when there was nobody to remove. */
  leave(roomName: string, identity: string): boolean {
    const room = this.rooms.get(roomName);
    const participant = room?.participants.get(identity);
    if (!room || !participant) return false;
    room.participants.delete(identity);
    const info = this.toParticipant(participant);
    info.state = proto.ParticipantInfo_State.DISCONNECTED;
    this.hooks.notify({ event: 'participant_left', room: this.toRoom(room), participant: info }, roomName);
    return true;
  }

  /** Everybody leaves, then the room finishes. Returns false for an unknown room. */
  delete(name: string): boolean {
    const room = this.rooms.get(name);
    if (!room) return false;
    for (const identity of [...room.participants.keys()]) this.leave(name, identity);
    this.rooms.delete(name);
    this.hooks.notify({ event: 'room_finished', room: this.toRoom(room) }, name);
    this.hooks.roomDeleted(room);
    return true;
  }

  toRoom(room: RoomState): Room {
    const visible = [...room.participants.values()].filter((p) => p.kind !== 'EGRESS');
    return new proto.Room({
      sid: room.sid,
      name: room.name,
      emptyTimeout: EMPTY_TIMEOUT_S,
      departureTimeout: DEPARTURE_TIMEOUT_S,
      creationTime: BigInt(Math.floor(room.creationTimeMs / 1000)),
      creationTimeMs: BigInt(room.creationTimeMs),
      enabledCodecs: ENABLED_CODECS.map((mime) => new proto.Codec({ mime })),
      metadata: room.metadata,
      // Hidden participants (the egress recorder) are not counted, but they do switch on active_recording.
      numParticipants: visible.length,
      numPublishers: visible.filter((p) => p.publisher).length,
      activeRecording: hasRecorder(room),
    });
  }

  toParticipant(p: ParticipantState): ParticipantInfo {
    const recorder = p.kind === 'EGRESS';
    return new proto.ParticipantInfo({
      sid: p.sid,
      identity: p.identity,
      name: p.name,
      state: proto.ParticipantInfo_State.ACTIVE,
      metadata: p.metadata,
      joinedAt: BigInt(Math.floor(p.joinedAtMs / 1000)),
      joinedAtMs: BigInt(p.joinedAtMs),
      isPublisher: p.publisher,
      kind: recorder ? proto.ParticipantInfo_Kind.EGRESS : proto.ParticipantInfo_Kind.STANDARD,
      permission: new proto.ParticipantPermission({
        canSubscribe: true,
        canPublish: !recorder,
        canPublishData: !recorder,
        hidden: recorder,
        recorder,
      }),
      tracks: p.publisher
        ? [
            new proto.TrackInfo({
              sid: p.trackSids.video,
              type: proto.TrackType.VIDEO,
              source: proto.TrackSource.CAMERA,
              name: 'camera',
              width: 640,
              height: 360,
              mimeType: 'video/VP8',
            }),
            new proto.TrackInfo({
              sid: p.trackSids.audio,
              type: proto.TrackType.AUDIO,
              source: proto.TrackSource.MICROPHONE,
              name: 'microphone',
              mimeType: 'audio/opus',
            }),
          ]
        : [],
    });
  }
}

export function hasRecorder(room: RoomState): boolean {
  return [...room.participants.values()].some((p) => p.kind === 'EGRESS');
}

/** A room has something to record once a non-hidden participant publishes. */
export function hasPublisher(room: RoomState): boolean {
  return [...room.participants.values()].some((p) => p.kind === 'STANDARD' && p.publisher);
}

export function toEmulatedRoom(room: RoomState): EmulatedRoom {
  return {
    sid: room.sid,
    name: room.name,
    metadata: room.metadata,
    activeRecording: hasRecorder(room),
    participants: [...room.participants.values()].map(toEmulatedParticipant),
  };
}

export function toEmulatedParticipant(p: ParticipantState): EmulatedParticipant {
  return { sid: p.sid, identity: p.identity, name: p.name, publisher: p.publisher, kind: p.kind };
}
