import { afterNextRender, ChangeDetectionStrategy, Component, ElementRef, input, output, viewChild } from '@angular/core';

import { RecordingConsent } from './recording-consent';

/**
 * Told before anything is published: the room is being recorded (and by whom, when known); the person joins with
 * camera and microphone, without them, or leaves. A modal `<dialog>` that Escape does not dismiss: it needs an answer.
 */
@Component({
  selector: 'app-recording-consent-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './recording-consent-dialog.html',
  styleUrl: './recording-consent-dialog.css',
})
export class RecordingConsentDialog {
  readonly consent = input.required<RecordingConsent>();
  readonly roomName = input.required<string>();
  /** true: publish camera and microphone; false: stay without them. */
  readonly answered = output<boolean>();
  readonly left = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly withMediaButton = viewChild.required<ElementRef<HTMLButtonElement>>('withMedia');

  constructor() {
    afterNextRender(() => {
      this.dialog().nativeElement.showModal();
      this.withMediaButton().nativeElement.focus();
    });
  }

  protected onCancel(event: Event): void {
    event.preventDefault();
  }

  protected answer(publish: boolean): void {
    this.dialog().nativeElement.close();
    this.answered.emit(publish);
  }

  protected leave(): void {
    this.dialog().nativeElement.close();
    this.left.emit();
  }
}
