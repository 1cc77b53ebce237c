import { createRequire } from 'node:module';
import type * as LiveKitProtocol from '@livekit/protocol';

/**
 * The protobuf message classes of the `@livekit/protocol` copy that livekit-server-sdk itself bundles (1.51.0).
 *
 * The hoisted top-level `@livekit/protocol` belongs to livekit-client and is a different version: messages built
 * with one copy's classes are not instances of the other's, so decoding/encoding must use the SDK's copy to stay
 * byte-compatible with what the SDK sends and parses. The TypeScript types come from the hoisted copy (the SDK
 * does not re-export request/response messages), which declares the same fields for every message used here.
 */
const sdkRequire = createRequire(require.resolve('livekit-server-sdk'));
export const proto: typeof LiveKitProtocol = sdkRequire('@livekit/protocol');

export type EgressInfo = LiveKitProtocol.EgressInfo;
export type Room = LiveKitProtocol.Room;
export type ParticipantInfo = LiveKitProtocol.ParticipantInfo;
export type RoomCompositeEgressRequest = LiveKitProtocol.RoomCompositeEgressRequest;
export type EncodedFileOutput = LiveKitProtocol.EncodedFileOutput;
export type FileInfo = LiveKitProtocol.FileInfo;
export type WebhookEvent = LiveKitProtocol.WebhookEvent;
