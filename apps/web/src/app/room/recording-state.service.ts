import { DEFAULT_RECORDING_LAYOUT, parseRoomRecording, RECORDING_DATA_TOPIC, RecordingLayout } from '@recording/contracts';

import { computed, DestroyRef, effect, inject, Injectable, signal } from '@angular/core';
import { RoomEvent } from 'livekit-client';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';
import { DataListener, RecordingRoom } from './call-session';
import { parseRecordingSignal } from './recording-signal';
import { confirmationTimeoutOf, INITIAL_RECORDING_STATE, isTransient, nextRecordingState, RecordingEvent } from './recording-state';

/** What the next Start asks for. */
export interface RecordingOptions {
  layout: RecordingLayout;
  audioOnly: boolean;
}

/** What is known of how a recording records (the API's answers and data messages say; the room metadata does not). */
interface RecordingShape {
  name: string;
  layout?: RecordingLayout;
  audioOnly?: boolean;
}

/** How often the elapsed time of a recording moves on. */
const CLOCK_TICK_MS = 1_000;

/** Drives the recording controls of one room; provided by the call view. */
@Injectable()
export class RecordingStateService {
  private readonly api = inject(ApiClient);
  private readonly state = signal(INITIAL_RECORDING_STATE);
  private readonly changes = signal(0);
  private room?: RecordingRoom;
  private timer?: ReturnType<typeof setTimeout>;

  readonly phase = computed(() => this.state().phase);
  readonly saving = computed(() => this.state().saving);
  readonly notice = computed(() => this.state().notice);
  /** When the current recording began (epoch ms), when known. */
  readonly startedAt = computed(() => this.state().startedAt);
  readonly startedBy = computed(() => this.state().startedBy);
  /** Why the room's last recording failed, until the next one starts. */
  readonly failure = computed(() => this.state().failure);
  /** Seconds the current recording has been running (ticks every second), when its start is known. */
  readonly elapsedSeconds = computed(() => {
    const startedAt = this.startedAt();
    if (this.phase() !== 'recording' || startedAt === undefined) return undefined;
    // Never negative: the browser's clock and the server's differ.
    return Math.max(0, this.now() - startedAt) / 1000;
  });
  private readonly now = signal(Date.now());
  private ticker?: ReturnType<typeof setInterval>;
  /** Bumped whenever the room's list of recordings may have changed. */
  readonly recordingsChanged = this.changes.asReadonly();

  private readonly optionsState = signal<RecordingOptions>({ layout: DEFAULT_RECORDING_LAYOUT, audioOnly: false });
  private readonly shape = signal<RecordingShape | undefined>(undefined);
  private readonly switching = signal(false);
  /** The layout and sound-only choice the next Start sends. */
  readonly options = this.optionsState.asReadonly();
  /** The current recording's layout, when known (started here, switched here, or announced by the API). */
  readonly layout = computed(() => this.currentShape()?.layout);
  /** The current recording records sound only (then it has no layout to switch). */
  readonly audioOnly = computed(() => this.currentShape()?.audioOnly === true);
  /** A layout switch is on its way to the API. */
  readonly switchingLayout = this.switching.asReadonly();
  private readonly currentShape = computed(() => {
    const shape = this.shape();
    return shape && shape.name === this.state().current ? shape : undefined;
  });

  private readonly onRecordingStatusChanged = (isRecording: boolean) => this.dispatch({ type: 'recording-status-changed', isRecording });

  private readonly onMetadataChanged = (metadata: string) => {
    const recording = parseRoomRecording(metadata);
    if (recording) this.dispatch({ type: 'news', recording });
  };

  private readonly onDataReceived: DataListener = (payload, participant, _kind, topic) => {
    // Only the server (no participant) speaks on this topic; anyone in the room could forge it.
    if (topic !== RECORDING_DATA_TOPIC || participant !== undefined) return;
    const message = parseRecordingSignal(payload);
    if (!message) return;
    if (message.type === 'recording_deleted') {
      this.changes.update((n) => n + 1);
      return;
    }
    if (this.room && message.recording.roomName !== this.room.name) return;
    const { name, status } = message.recording;
    const startedAt = 'startedAt' in message.recording ? message.recording.startedAt : undefined;
    if ('layout' in message.recording || 'audioOnly' in message.recording) this.remember(message.recording);
    this.dispatch({ type: 'news', recording: { name, status, startedAt, error: message.error } });
    this.changes.update((n) => n + 1);
  };

  constructor() {
    effect(() => {
      const ticking = this.phase() === 'recording' && this.startedAt() !== undefined;
      if (ticking && this.ticker === undefined) {
        this.now.set(Date.now());
        this.ticker = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
      } else if (!ticking) {
        this.stopTicking();
      }
    });
    inject(DestroyRef).onDestroy(() => {
      this.stopTicking();
      this.detach();
    });
  }

  /** Starts listening to the room; reads what it says now (`isRecording`, metadata), which LiveKit does not announce at join. */
  attach(room: RecordingRoom): void {
    this.detach();
    this.room = room;
    room.on(RoomEvent.RecordingStatusChanged, this.onRecordingStatusChanged);
    room.on(RoomEvent.RoomMetadataChanged, this.onMetadataChanged);
    room.on(RoomEvent.DataReceived, this.onDataReceived);
    this.dispatch({ type: 'joined', isRecording: room.isRecording, recording: parseRoomRecording(room.metadata) });
  }

  async start(): Promise<void> {
    const room = this.room;
    if (!room || this.phase() !== 'idle') return;
    this.dispatch({ type: 'start-requested' });
    const options = this.optionsState();
    try {
      const { recording } = await this.api.startRecording(room.name, options);
      this.remember({
        name: recording.name,
        layout: recording.layout ?? options.layout,
        audioOnly: recording.audioOnly ?? options.audioOnly,
      });
      this.dispatch({ type: 'start-accepted', name: recording.name });
    } catch (error) {
      this.dispatch({ type: 'start-failed', message: errorText(error), isRecording: room.isRecording });
    }
  }

  async stop(): Promise<void> {
    const room = this.room;
    if (!room || this.phase() !== 'recording') return;
    this.dispatch({ type: 'stop-requested' });
    try {
      const { recording } = await this.api.stopRecording(room.name);
      this.dispatch({ type: 'stop-accepted', name: recording.name });
    } catch (error) {
      this.dispatch({ type: 'stop-failed', message: errorText(error), isRecording: room.isRecording });
    }
  }

  /** Chooses the layout or sound-only for the next Start. */
  setOptions(options: Partial<RecordingOptions>): void {
    this.optionsState.update((current) => ({ ...current, ...options }));
  }

  /** Switches the running recording to another layout (`POST /recordings/layout`); a refusal shows as the notice. */
  async changeLayout(layout: RecordingLayout): Promise<void> {
    const room = this.room;
    if (!room || this.phase() !== 'recording' || this.switching() || this.audioOnly() || layout === this.layout()) return;
    this.switching.set(true);
    this.dispatch({ type: 'layout-requested' });
    try {
      const { recording } = await this.api.changeRecordingLayout(room.name, layout);
      this.remember(recording);
    } catch (error) {
      this.dispatch({ type: 'layout-failed', message: errorText(error) });
    } finally {
      this.switching.set(false);
    }
  }

  /** Keeps what an answer or a data message says of a recording's layout, beside what was known of the same one. */
  private remember({ name, layout, audioOnly }: RecordingShape): void {
    const known = this.shape()?.name === name ? this.shape() : undefined;
    this.shape.set({ name, layout: layout ?? known?.layout, audioOnly: audioOnly ?? known?.audioOnly });
  }

  private dispatch(event: RecordingEvent): void {
    const before = this.state();
    const after = nextRecordingState(before, event);
    this.state.set(after);
    if (after.phase !== before.phase) this.changes.update((n) => n + 1);
    const progressed = after.phase !== before.phase || after.current !== before.current || event.type === 'news';
    if (!isTransient(after.phase)) this.clearTimer();
    else if (progressed || this.timer === undefined) this.restartTimer(confirmationTimeoutOf(after));
  }

  private restartTimer(ms: number): void {
    this.clearTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.dispatch({ type: 'timeout', isRecording: this.room?.isRecording ?? false });
    }, ms);
  }

  private stopTicking(): void {
    clearInterval(this.ticker);
    this.ticker = undefined;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private detach(): void {
    this.clearTimer();
    this.room?.off(RoomEvent.RecordingStatusChanged, this.onRecordingStatusChanged);
    this.room?.off(RoomEvent.RoomMetadataChanged, this.onMetadataChanged);
    this.room?.off(RoomEvent.DataReceived, this.onDataReceived);
    this.room = undefined;
  }
}
