import { InjectionToken } from '@angular/core';
// Its ES module source (the package ships it): the CommonJS build's require('livekit-client') would bundle
// livekit-client's UMD build a second time (+560 kB) beside the ES module build the rest of the app shares.
import EgressHelper from '@livekit/egress-sdk/src/index';
import { Room } from 'livekit-client';

import type { TemplateRoom } from './template-room';

/**
 * `@livekit/egress-sdk`'s helper as the template uses it: the query parameters Egress hands over (`url`, `token`,
 * `layout`), layout changes (the recorder participant's own metadata, after `UpdateLayout`), and the console
 * messages that start and end the recording. In 0.2.1 `onLayoutChanged` must be registered before `setRoom`, and
 * `setRoom` logs `END_RECORDING` itself when the room disconnects.
 */
export interface EgressTemplateHelper {
  getLiveKitURL(): string;
  getAccessToken(): string;
  getLayout(): string;
  onLayoutChanged(callback: (layout: string) => void): void;
  setRoom(room: TemplateRoom): void;
  startRecording(): void;
  endRecording(): void;
}

export const EGRESS_HELPER = new InjectionToken<EgressTemplateHelper>('EgressTemplateHelper', {
  providedIn: 'root',
  factory: () => EgressHelper,
});

/**
 * The recorder's room. Adaptive stream: each camera arrives at the size its tile is drawn at, and one that is not
 * on the stage (a single-speaker recording) is paused, which spares the recorder's CPU.
 */
export const TEMPLATE_ROOM_FACTORY = new InjectionToken<() => TemplateRoom>('TemplateRoomFactory', {
  providedIn: 'root',
  factory: () => () => new Room({ adaptiveStream: true }),
});
