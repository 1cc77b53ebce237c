import { afterRenderEffect, ChangeDetectionStrategy, Component, computed, DestroyRef, inject, OnInit, signal } from '@angular/core';

import { AttachTrack } from './attach-track.directive';
import { RecordingTemplateSession } from './recording-template.session';
import { Stage } from './stage-layout';
import { StageTile } from './stage-tile';

/** The clock moves once a second; the pulsing mark beside it moves on every frame. */
const CLOCK_TICK_MS = 1_000;

/**
 * The page LiveKit Egress (RoomComposite with `customBaseUrl`) and the embedded recorder render and capture: the
 * room's people in the layout asked for, with their names, and their sound; never the recorder, never a control.
 * A 16:9 stage that fills the window, and something always moving on it, so a capture of a still room (cameras
 * off, an audio-only recording) still gets fresh frames.
 */
@Component({
  selector: 'app-recording-template-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [StageTile, AttachTrack],
  providers: [RecordingTemplateSession],
  templateUrl: './recording-template.page.html',
  styleUrl: './recording-template.page.css',
})
export class RecordingTemplatePage implements OnInit {
  protected readonly session = inject(RecordingTemplateSession);
  private readonly now = signal(Date.now());

  protected readonly grid = computed(() => narrow(this.session.stage(), 'grid'));
  protected readonly focus = computed(() => narrow(this.session.stage(), 'focus'));
  /** Everyone whose microphone is subscribed: all of them are heard, whoever the layout shows. */
  protected readonly voices = computed(() => this.session.participants().filter((participant) => participant.audio));
  /** How long it has been recording: `00:42`, `1:02:03`. */
  protected readonly clock = computed(() => {
    const startedAt = this.session.startedAt();
    return formatElapsed(startedAt === undefined ? 0 : Math.max(0, this.now() - startedAt));
  });

  constructor() {
    // START_RECORDING once what the room holds has been drawn, not merely received.
    afterRenderEffect(() => {
      if (this.session.readyToStart()) this.session.start();
    });
    const ticker = setInterval(() => this.now.set(Date.now()), CLOCK_TICK_MS);
    inject(DestroyRef).onDestroy(() => clearInterval(ticker));
  }

  ngOnInit(): void {
    void this.session.join();
  }
}

function narrow<K extends Stage['kind']>(stage: Stage, kind: K): Extract<Stage, { kind: K }> | undefined {
  return stage.kind === kind ? (stage as Extract<Stage, { kind: K }>) : undefined;
}

function formatElapsed(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  const two = (value: number) => String(value).padStart(2, '0');
  const hours = Math.floor(seconds / 3600);
  const rest = `${two(Math.floor(seconds / 60) % 60)}:${two(seconds % 60)}`;
  return hours > 0 ? `${hours}:${rest}` : rest;
}
