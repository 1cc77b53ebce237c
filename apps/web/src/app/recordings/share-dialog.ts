import { Recording, SHARE_EXPIRY_MINUTES } from '@recording/contracts';

import { DatePipe } from '@angular/common';
import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';
import { ModalDialog } from '../core/modal-dialog';

/** The expiries offered, in minutes (the API takes 1 to 43 200). */
export const SHARE_EXPIRIES: ReadonlyArray<{ label: string; minutes: number }> = [
  { label: '1 hour', minutes: 60 },
  { label: '1 day', minutes: SHARE_EXPIRY_MINUTES.default },
  { label: '7 days', minutes: 7 * 1440 },
  { label: '30 days', minutes: SHARE_EXPIRY_MINUTES.max },
];

/**
 * Shares one recording in a modal `<dialog>`: pick how long the link works, create it, copy it; or revoke every link
 * made so far. Reusable wherever a recording is shown (the lists, a recording card). Rendered only while open.
 */
@Component({
  selector: 'app-share-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe],
  templateUrl: './share-dialog.html',
  styleUrl: './share-dialog.css',
})
export class ShareDialog {
  private readonly api = inject(ApiClient);
  private readonly injector = inject(Injector);
  readonly recording = input.required<Recording>();
  readonly closed = output<void>();

  private readonly dialog = viewChild.required<ElementRef<HTMLDialogElement>>('dialog');
  private readonly expirySelect = viewChild.required<ElementRef<HTMLSelectElement>>('expiry');
  private readonly linkInput = viewChild<ElementRef<HTMLInputElement>>('link');
  private readonly modal = new ModalDialog(
    this.dialog,
    () => this.expirySelect().nativeElement,
    () => this.closed.emit(),
  );

  protected readonly expiries = SHARE_EXPIRIES;
  protected readonly expiryMinutes = signal<number>(SHARE_EXPIRY_MINUTES.default);
  protected readonly working = signal<'create' | 'revoke' | undefined>(undefined);
  protected readonly created = signal<{ url: string; expiresAt: number } | undefined>(undefined);
  protected readonly message = signal<{ kind: 'error' | 'info'; text: string } | undefined>(undefined);
  protected readonly confirmingRevoke = signal(false);

  protected chooseExpiry(event: Event): void {
    this.expiryMinutes.set(Number((event.target as HTMLSelectElement).value));
  }

  protected async create(): Promise<void> {
    this.message.set(undefined);
    this.working.set('create');
    try {
      this.created.set(await this.api.createShareLink(this.recording().name, this.expiryMinutes()));
      afterNextRender(() => this.linkInput()?.nativeElement.select(), { injector: this.injector });
    } catch (error) {
      this.message.set({ kind: 'error', text: `Could not create a link: ${errorText(error)}` });
    } finally {
      this.working.set(undefined);
    }
  }

  protected async copy(url: string): Promise<void> {
    try {
      await navigator.clipboard.writeText(url);
      this.message.set({ kind: 'info', text: 'Link copied. Anyone who has it can watch this recording until it expires.' });
    } catch {
      this.linkInput()?.nativeElement.select();
      this.message.set({ kind: 'error', text: 'Could not copy by itself: the link is selected, copy it with Ctrl+C (⌘C).' });
    }
  }

  protected async revoke(): Promise<void> {
    this.confirmingRevoke.set(false);
    this.message.set(undefined);
    this.working.set('revoke');
    try {
      await this.api.revokeShareLinks(this.recording().name);
      this.created.set(undefined);
      this.message.set({ kind: 'info', text: 'Every link to this recording made so far stopped working.' });
    } catch (error) {
      this.message.set({ kind: 'error', text: `Could not revoke the links: ${errorText(error)}` });
    } finally {
      this.working.set(undefined);
    }
  }

  close(): void {
    this.modal.close();
  }

  protected onCancel(event: Event): void {
    this.modal.cancel(event);
  }

  protected onBackdropClick(event: MouseEvent): void {
    this.modal.backdropClick(event);
  }
}
