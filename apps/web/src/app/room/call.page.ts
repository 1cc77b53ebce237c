import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, OnInit, signal } from '@angular/core';
import { Router } from '@angular/router';

import { liveRecordingOf } from '../recordings/live-recording';
import { RoomRecordings } from '../recordings/room-recordings';
import { ActiveCall } from './active-call';
import { CallSession } from './call-session';
import { ParticipantTile } from './participant-tile';
import { RecordingConsentDialog } from './recording-consent-dialog';
import { RecordingControls } from './recording-controls';
import { RecordingStateService } from './recording-state.service';

/** The call: tiles, media toggles, leave, recording controls and this room's recordings (lazy route). */
@Component({
  selector: 'app-call-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ParticipantTile, RecordingConsentDialog, RecordingControls, RoomRecordings],
  providers: [RecordingStateService],
  templateUrl: './call.page.html',
  styleUrl: './call.page.css',
})
export class CallPage implements OnInit {
  private readonly activeCall = inject(ActiveCall);
  private readonly router = inject(Router);
  protected readonly recording = inject(RecordingStateService);
  /** The guard only lets the route open with a session. */
  protected readonly session = this.activeCall.session() as CallSession;
  protected readonly roomId = signal<string | undefined>(undefined);
  protected readonly participantCount = computed(() => this.session.participants().length);
  protected readonly leaving = signal(false);
  /** The room's current recording, at the top of its list. */
  protected readonly liveRecording = computed(() =>
    liveRecordingOf({
      phase: this.recording.phase(),
      saving: this.recording.saving(),
      elapsedSeconds: this.recording.elapsedSeconds(),
      startedBy: this.recording.startedBy(),
      failure: this.recording.failure(),
    }),
  );

  constructor() {
    effect(() => {
      const reason = this.session.endedReason();
      if (reason) void this.exit(reason);
    });
    // Navigating away (back button, a link) leaves the call too.
    inject(DestroyRef).onDestroy(() => {
      if (!this.leaving()) void this.activeCall.leave();
    });
  }

  ngOnInit(): void {
    this.recording.attach(this.session.room);
    this.session.room.getSid().then(
      (sid) => this.roomId.set(sid),
      () => undefined,
    );
  }

  protected toggleCamera(): void {
    void this.session.setCameraEnabled(!this.session.cameraOn());
  }

  protected toggleMicrophone(): void {
    void this.session.setMicrophoneEnabled(!this.session.microphoneOn());
  }

  protected answerRecordingConsent(publish: boolean): void {
    void this.session.answerRecordingConsent(publish);
  }

  protected startAudio(): void {
    void this.session.startAudio();
  }

  /** Asked by the router before navigating away: a stray click on a link must not drop the call. */
  canLeave(): boolean {
    return this.leaving() || window.confirm(`Leave the call in ${this.session.roomName}?`);
  }

  protected leave(): Promise<void> {
    return this.exit();
  }

  private async exit(endNotice?: string): Promise<void> {
    if (this.leaving()) return;
    this.leaving.set(true);
    await this.activeCall.leave(endNotice);
    await this.router.navigate(['/'], { queryParams: { room: this.session.roomName } });
  }
}
