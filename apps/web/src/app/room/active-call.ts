import { inject, Injectable, signal } from '@angular/core';

import { ApiClient } from '../core/api-client';
import { AppConfig } from '../core/app-config';
import { CALL_CONNECTOR } from './call-connector';
import { CallSession } from './call-session';

/** The call the user is in, kept across the navigation from the join form to the call view. */
@Injectable({ providedIn: 'root' })
export class ActiveCall {
  private readonly api = inject(ApiClient);
  private readonly config = inject(AppConfig);
  private readonly connector = inject(CALL_CONNECTOR);
  private readonly current = signal<CallSession | undefined>(undefined);
  private readonly notice = signal<string | undefined>(undefined);

  readonly session = this.current.asReadonly();
  /** Why the last call ended on its own, for the join page to say. */
  readonly endNotice = this.notice.asReadonly();

  /** Token from the API, then the LiveKit connection. Rejects with a user-facing error. */
  async join(roomName: string, participantName: string): Promise<CallSession> {
    await this.leave();
    this.notice.set(undefined);
    const url = await this.config.requireLivekitUrl();
    const { token } = await this.api.createToken({ roomName, participantName });
    const session = await this.connector.connect({ url, token, roomName, participantName });
    this.current.set(session);
    return session;
  }

  async leave(endNotice?: string): Promise<void> {
    const session = this.current();
    this.current.set(undefined);
    if (endNotice) this.notice.set(endNotice);
    await session?.leave();
  }
}
