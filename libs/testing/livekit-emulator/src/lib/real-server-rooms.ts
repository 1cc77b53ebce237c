import { RECORDER_GRANT } from '@recording/contracts';
import { BrowserParticipant, LiveKitBrowser, ParticipantEvent } from '@recording/testing/livekit-browser';

import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';

import type { EgressRoom, EgressRooms, RecorderEvents } from './egress-rooms';

export interface RealServerOptions {
  /** The real livekit-server, e.g. `http://127.0.0.1:7880`. */
  url: string;
  apiKey: string;
  apiSecret: string;
  /** Delay between the recorder's first subscribed track and ACTIVE (real egress: its pipeline start-up). */
  activeAfterMs: number;
  /** Reports a recorder that could not join (the egress then stays STARTING, as a real one would). */
  onRecorderError?(egressId: string, error: Error): void;
}

interface Recorder {
  participant?: BrowserParticipant;
  stopped: boolean;
  timer?: NodeJS.Timeout;
}

/** Real egress's recorder token (livekit/protocol egress/token.go): hidden, recorder, subscribe only, kind EGRESS, 24 h. */
async function recorderToken(options: RealServerOptions, egressId: string, roomName: string): Promise<string> {
  const token = new AccessToken(options.apiKey, options.apiSecret, { identity: egressId, ttl: '24h' });
  token.kind = 'egress';
  token.addGrant({ ...RECORDER_GRANT, room: roomName });
  return token.toJwt();
}

/**
 * Egress over a real livekit-server: rooms are the server's, and the recorder is a real participant (headless
 * Chromium running livekit-client, as real room-composite egress runs Chrome on its template) that joins with
 * the recorder grant, so `active_recording`, `room.isRecording` and `RecordingStatusChanged` come from the server.
 */
export class RealServerRooms implements EgressRooms {
  private readonly client: RoomServiceClient;
  private readonly recorders = new Map<string, Recorder>();
  private browser?: Promise<LiveKitBrowser>;

  constructor(private readonly options: RealServerOptions) {
    this.client = new RoomServiceClient(options.url, options.apiKey, options.apiSecret, { requestTimeout: 5 });
  }

  async find(name: string): Promise<EgressRoom | undefined> {
    const [room] = await this.client.listRooms([name]);
    return room && room.name === name ? { name: room.name, sid: room.sid } : undefined;
  }

  startRecorder(egressId: string, room: EgressRoom, events: RecorderEvents): void {
    const recorder: Recorder = { stopped: false };
    this.recorders.set(egressId, recorder);
    void this.join(egressId, room, recorder, events).catch((error: Error) => {
      this.options.onRecorderError?.(egressId, error);
      this.stopRecorder(egressId);
    });
  }

  stopRecorder(egressId: string): void {
    const recorder = this.recorders.get(egressId);
    if (!recorder) return;
    this.recorders.delete(egressId);
    recorder.stopped = true;
    clearTimeout(recorder.timer);
    void recorder.participant?.leave();
  }

  async setRecorderMetadata(egressId: string, room: EgressRoom, metadata: string): Promise<boolean> {
    if (!this.recorders.get(egressId)?.participant) return false;
    await this.client.updateParticipant(room.name, egressId, { metadata });
    return true;
  }

  reset(): void {
    for (const egressId of [...this.recorders.keys()]) this.stopRecorder(egressId);
  }

  async close(): Promise<void> {
    this.reset();
    const browser = this.browser;
    this.browser = undefined;
    await (await browser?.catch(() => undefined))?.close();
  }

  private async join(egressId: string, room: EgressRoom, recorder: Recorder, events: RecorderEvents): Promise<void> {
    this.browser ??= LiveKitBrowser.launch();
    const browser = await this.browser;
    const participant = await browser.join(this.options.url.replace(/^http/, 'ws'), await recorderToken(this.options, egressId, room.name));
    if (recorder.stopped) {
      await participant.leave();
      return;
    }
    recorder.participant = participant;
    // The template starts recording once media arrives, and ends when the room goes away under it.
    const onEvent = (event: ParticipantEvent) => {
      if (recorder.stopped) return;
      if (event.type === 'trackSubscribed' && recorder.timer === undefined) {
        recorder.timer = setTimeout(() => !recorder.stopped && events.mediaFlowing(), this.options.activeAfterMs);
      } else if (event.type === 'disconnected') {
        events.roomClosed();
      }
    };
    participant.events.forEach(onEvent);
    participant.onEvent(onEvent);
  }
}
