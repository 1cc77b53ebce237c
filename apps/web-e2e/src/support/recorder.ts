import { RECORDER_GRANT } from '@recording/contracts';

import { AccessToken, RoomServiceClient } from 'livekit-server-sdk';
import { randomBytes } from 'node:crypto';

import { LIVEKIT_API_KEY, LIVEKIT_API_SECRET } from './e2e-environment';

/** A recorder's identity as Egress makes them: its egress id, `EG_…`. */
export function recorderIdentity(): string {
  return `EG_${randomBytes(6).toString('hex')}`;
}

/**
 * The token Egress gives the recorder of a room composite (livekit/protocol egress/token.go): a hidden participant
 * of kind `egress` with the `recorder` grant, subscribe only.
 */
export async function recorderToken(roomName: string, identity: string): Promise<string> {
  const token = new AccessToken(LIVEKIT_API_KEY, LIVEKIT_API_SECRET, { identity, ttl: '1h' });
  token.kind = 'egress';
  token.addGrant({ ...RECORDER_GRANT, room: roomName });
  return token.toJwt();
}

/** What Egress's `UpdateLayout` does: writes `{"layout": …}` into the recorder participant's metadata. */
export async function updateLayout(liveKitWsUrl: string, roomName: string, identity: string, layout: string): Promise<void> {
  const rooms = new RoomServiceClient(liveKitWsUrl.replace(/^ws/, 'http'), LIVEKIT_API_KEY, LIVEKIT_API_SECRET);
  await rooms.updateParticipant(roomName, identity, { metadata: JSON.stringify({ layout }) });
}
