import type * as LiveKitProtocol from '@livekit/protocol';
import { dirname } from 'node:path';

/**
 * The protobuf message classes of the `@livekit/protocol` copy that livekit-server-sdk itself bundles (1.51.0).
 *
 * The hoisted top-level `@livekit/protocol` belongs to livekit-client and is a different version: messages built
 * with one copy's classes are not instances of the other's, so decoding/encoding must use the SDK's copy to stay
 * identical to what the SDK sends and parses. It is resolved from the SDK's folder and loaded with the module's own
 * `require` (not `createRequire`), so jest's module registry hands out the very instance the SDK uses.
 * The TypeScript types come from the hoisted copy (the SDK does not re-export request/response messages); they
 * declare the same fields for every message used here.
 */
const protocolPath = require.resolve('@livekit/protocol', { paths: [dirname(require.resolve('livekit-server-sdk'))] });
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const proto: typeof LiveKitProtocol = require(protocolPath);

export type EgressInfo = LiveKitProtocol.EgressInfo;
export type Room = LiveKitProtocol.Room;
export type ParticipantInfo = LiveKitProtocol.ParticipantInfo;
export type RoomCompositeEgressRequest = LiveKitProtocol.RoomCompositeEgressRequest;
export type EncodedFileOutput = LiveKitProtocol.EncodedFileOutput;
export type FileInfo = LiveKitProtocol.FileInfo;
export type WebhookEvent = LiveKitProtocol.WebhookEvent;
