import { SessionResponse } from '@recording/contracts';

import { ChangeDetectionStrategy, Component, computed, inject, OnInit, output, signal } from '@angular/core';

import { ApiClient } from '../core/api-client';
import { errorText } from '../core/api-error';

/**
 * Says whose recordings the page shows (the rooms this browser joined, every room for the operator, or all when the
 * server runs open) and offers the operator sign-in and sign-out when the server has one. The credentials are the
 * server's HttpOnly cookies: nothing is kept in the page or in storage.
 */
@Component({
  selector: 'app-access-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  templateUrl: './access-panel.html',
  styleUrl: './access-panel.css',
})
export class AccessPanel implements OnInit {
  private readonly api = inject(ApiClient);

  /** Signed in or out: what the page may list changed. */
  readonly changed = output<void>();

  protected readonly session = signal<SessionResponse | undefined>(undefined);
  protected readonly loadError = signal<string | undefined>(undefined);
  protected readonly secret = signal('');
  protected readonly busy = signal(false);
  protected readonly signInError = signal<string | undefined>(undefined);
  protected readonly showSignIn = computed(() => {
    const session = this.session();
    return !!session && session.mode === 'room' && session.operatorSignIn && !session.operator;
  });

  ngOnInit(): void {
    void this.load();
  }

  protected async load(): Promise<void> {
    try {
      this.session.set(await this.api.getSession());
      this.loadError.set(undefined);
    } catch (error) {
      this.loadError.set(errorText(error));
    }
  }

  protected updateSecret(event: Event): void {
    this.secret.set((event.target as HTMLInputElement).value);
  }

  protected async signIn(event: Event): Promise<void> {
    event.preventDefault();
    if (this.secret() === '') {
      this.signInError.set('Enter the operator secret.');
      return;
    }
    await this.run(async () => {
      await this.api.signInOperator(this.secret());
      this.secret.set('');
      (event.target as HTMLFormElement).reset();
    });
  }

  protected signOut(): Promise<void> {
    return this.run(() => this.api.signOut());
  }

  private async run(action: () => Promise<void>): Promise<void> {
    this.busy.set(true);
    this.signInError.set(undefined);
    try {
      await action();
      await this.load();
      this.changed.emit();
    } catch (error) {
      this.signInError.set(errorText(error));
    } finally {
      this.busy.set(false);
    }
  }
}
