import { DEFAULT_RECORDING_LAYOUT, RecordingLayout } from '@recording/contracts';

import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { RoomEvent } from 'livekit-client';

import type { AttachableTrack } from '../room/call-session';
import { EGRESS_HELPER, TEMPLATE_ROOM_FACTORY } from './egress-template';
import { arrangeStage, chooseFocus, layoutFrom, Stage, StageParticipant } from './stage-layout';
import { pendingTracksOf, STAGE_EVENTS, stageParticipantsOf, TemplateRoom } from './template-room';

/** How long the page waits for the cameras already in the room to show before it starts the recording anyway. */
export const START_DEADLINE_MS = 5_000;
/** How long the room may stay empty before the recording ends: someone who reloads their page is back within it. */
export const EMPTY_ROOM_GRACE_MS = 10_000;

export type TemplateStatus = 'connecting' | 'connected' | 'failed' | 'disconnected';

/**
 * The recorder's side of the room: joins with what Egress hands over, keeps the stage (who is shown, in which
 * layout) and tells Egress when to start and end. START_RECORDING: once connected, when every published camera
 * and microphone is subscribed and every camera on the stage has drawn its first frame (the page calls `start`
 * after rendering that), or `START_DEADLINE_MS` after joining whatever is still missing. END_RECORDING: when
 * nobody but the recorder has been in the room for `EMPTY_ROOM_GRACE_MS`, or at once when the room disconnects
 * (egress-sdk logs that one itself).
 */
@Injectable()
export class RecordingTemplateSession {
  private readonly helper = inject(EGRESS_HELPER);
  private readonly createRoom = inject(TEMPLATE_ROOM_FACTORY);
  private room?: TemplateRoom;
  private readonly statusState = signal<TemplateStatus>('connecting');
  private readonly failure = signal<string | undefined>(undefined);
  private readonly name = signal('');
  private readonly participantList = signal<readonly StageParticipant[]>([]);
  private readonly pendingTracks = signal(0);
  private readonly layoutState = signal<RecordingLayout>(DEFAULT_RECORDING_LAYOUT);
  private readonly focus = signal<string | undefined>(undefined);
  private readonly renderedVideos = signal<ReadonlySet<AttachableTrack>>(new Set());
  private readonly startedAtState = signal<number | undefined>(undefined);
  private ended = false;
  private startDeadline?: ReturnType<typeof setTimeout>;
  private emptyRoomTimer?: ReturnType<typeof setTimeout>;

  readonly status = this.statusState.asReadonly();
  /** Why the page could not join, when it could not. */
  readonly error = this.failure.asReadonly();
  readonly roomName = this.name.asReadonly();
  /** Everyone the recording shows and plays, in the order they joined. */
  readonly participants = this.participantList.asReadonly();
  readonly layout = this.layoutState.asReadonly();
  /** When START_RECORDING was logged (epoch ms). */
  readonly startedAt = this.startedAtState.asReadonly();
  readonly stage = computed<Stage>(() => arrangeStage(this.layoutState(), this.participantList(), this.focus()));
  /** Everything in the room is on the page: time to start the recording. */
  readonly readyToStart = computed(() => {
    if (this.statusState() !== 'connected' || this.pendingTracks() > 0) return false;
    const rendered = this.renderedVideos();
    return videosOn(this.stage()).every((video) => rendered.has(video));
  });

  private readonly refresh = () => {
    const room = this.room;
    if (!room) return;
    const participants = stageParticipantsOf(room);
    this.participantList.set(participants);
    this.pendingTracks.set(pendingTracksOf(room));
    this.focus.set(chooseFocus(participants, this.focus()));
    this.watchForEmptyRoom(participants.length);
  };

  private readonly onDisconnected = () => {
    if (this.statusState() !== 'connected') return;
    // egress-sdk's own Disconnected listener (from setRoom) has logged END_RECORDING.
    this.ended = true;
    this.clearTimers();
    this.statusState.set('disconnected');
  };

  constructor() {
    inject(DestroyRef).onDestroy(() => void this.leave());
  }

  async join(): Promise<void> {
    let url: string;
    let token: string;
    try {
      url = this.helper.getLiveKitURL();
      token = this.helper.getAccessToken();
    } catch (error) {
      this.fail(`This page is opened by the recorder, with url and token in its address (${messageOf(error)}).`);
      return;
    }
    this.layoutState.set(layoutFrom(this.helper.getLayout()));
    const room = this.createRoom();
    this.room = room;
    for (const event of STAGE_EVENTS) room.on(event, this.refresh);
    room.on(RoomEvent.Disconnected, this.onDisconnected);
    try {
      await room.connect(url, token);
    } catch (error) {
      this.fail(`Could not join the room at ${url}: ${messageOf(error)}`);
      return;
    }
    // Before setRoom: egress-sdk 0.2.1 calls it from there, and throws when there is none.
    this.helper.onLayoutChanged((layout) => this.layoutState.set(layoutFrom(layout)));
    this.helper.setRoom(room);
    this.name.set(room.name);
    this.statusState.set('connected');
    this.refresh();
    this.startDeadline = setTimeout(() => this.start(), START_DEADLINE_MS);
  }

  /** Logs START_RECORDING, once; the page calls it when `readyToStart` holds after a render. */
  start(): void {
    if (this.startedAtState() !== undefined || this.ended || this.statusState() !== 'connected') return;
    clearTimeout(this.startDeadline);
    this.startedAtState.set(Date.now());
    this.helper.startRecording();
  }

  /** A camera on the stage drew its first frame. */
  videoRendered(track: AttachableTrack): void {
    if (!this.renderedVideos().has(track)) this.renderedVideos.update((videos) => new Set(videos).add(track));
  }

  private watchForEmptyRoom(people: number): void {
    if (people > 0 || this.ended || this.statusState() !== 'connected') {
      clearTimeout(this.emptyRoomTimer);
      this.emptyRoomTimer = undefined;
      return;
    }
    this.emptyRoomTimer ??= setTimeout(() => this.end(), EMPTY_ROOM_GRACE_MS);
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.clearTimers();
    // Else egress-sdk would log END_RECORDING a second time when the room closes under the recorder.
    this.room?.off(RoomEvent.Disconnected, this.helper.endRecording);
    this.helper.endRecording();
  }

  private fail(message: string): void {
    this.failure.set(message);
    this.statusState.set('failed');
    console.error(`Recording template: ${message}`);
    void this.leave();
  }

  private async leave(): Promise<void> {
    this.clearTimers();
    const room = this.room;
    if (!room) return;
    for (const event of STAGE_EVENTS) room.off(event, this.refresh);
    room.off(RoomEvent.Disconnected, this.onDisconnected);
    await room.disconnect();
  }

  private clearTimers(): void {
    clearTimeout(this.startDeadline);
    clearTimeout(this.emptyRoomTimer);
    this.startDeadline = undefined;
    this.emptyRoomTimer = undefined;
  }
}

/** The cameras the stage draws. */
function videosOn(stage: Stage): AttachableTrack[] {
  const shown = stage.kind === 'grid' ? stage.tiles : stage.kind === 'focus' ? [stage.main, ...stage.strip] : [];
  return shown.flatMap((participant) => (participant.video ? [participant.video] : []));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
