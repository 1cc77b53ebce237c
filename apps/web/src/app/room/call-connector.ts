import { InjectionToken } from '@angular/core';

import { CallSession, ConnectOptions } from './call-session';

export interface CallConnector {
  /** Rejects with LiveKitUnreachableError or LiveKitRejectedError (call-session.ts). */
  connect(options: ConnectOptions): Promise<CallSession>;
}

/** Connects through livekit-client, imported only when someone joins. */
export const CALL_CONNECTOR = new InjectionToken<CallConnector>('CallConnector', {
  providedIn: 'root',
  factory: () => ({
    connect: async (options) => (await import('./livekit-call-session')).connectToLiveKit(options),
  }),
});
