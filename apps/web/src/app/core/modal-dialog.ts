import { afterNextRender, ElementRef, Signal } from '@angular/core';

/**
 * What the app's dismissable modal `<dialog>`s share: opened once rendered with focus on `focusFirst`, closed once by
 * Escape, a click on the backdrop or the component's own Close (the dialog shut, focus back to what had it before,
 * then `onClosed`). Made in a component's field initializer (it registers an after-render hook).
 */
export class ModalDialog {
  private readonly opener = document.activeElement as HTMLElement | null;
  private isOpen = false;

  constructor(
    private readonly dialog: Signal<ElementRef<HTMLDialogElement>>,
    focusFirst: () => HTMLElement,
    private readonly onClosed: () => void,
  ) {
    afterNextRender(() => {
      this.dialog().nativeElement.showModal();
      this.isOpen = true;
      focusFirst().focus();
    });
  }

  close(): void {
    if (!this.isOpen) return;
    this.isOpen = false;
    const dialog = this.dialog().nativeElement;
    if (dialog.open) dialog.close();
    this.opener?.focus();
    this.onClosed();
  }

  /** Escape (the dialog's `cancel` and `keydown.escape`): closed the same way as by Close. */
  cancel(event: Event): void {
    event.preventDefault();
    this.close();
  }

  /** A click on the dialog element itself is one on its backdrop (its content is inside). */
  backdropClick(event: MouseEvent): void {
    if (event.target === this.dialog().nativeElement) this.close();
  }
}
