import { SessionKeys } from '../../app/access/session-keys';
import { bearer, roomToken } from './credentials';
import { TestServer } from './test-server';

/** Every kind of credential the authorization matrix tries, for a recording of room `room`. */
export type CredentialCase =
  | 'none'
  | 'own room'
  | 'other room'
  | 'expired'
  | 'forged signature'
  | 'other secret'
  | 'with roomRecord'
  | 'no room grant'
  | 'operator'
  | 'share of this recording'
  | 'share of another recording'
  | 'revoked share'
  | 'expired share';

export const CREDENTIAL_CASES: readonly CredentialCase[] = [
  'none',
  'own room',
  'other room',
  'expired',
  'forged signature',
  'other secret',
  'with roomRecord',
  'no room grant',
  'operator',
  'share of this recording',
  'share of another recording',
  'revoked share',
  'expired share',
];

/** What a case sends: headers and, for share tokens, the `share` query value. */
export interface CaseRequest {
  headers: Record<string, string>;
  share?: string;
}

/**
 * Builds each case's request. Share tokens come from the API itself (POST /share as the operator): the revoked one
 * first, then revoked, then the valid one; the expired one is sealed with the app's own key (time cannot be moved on
 * through HTTP).
 */
export async function credentialCases(
  server: TestServer,
  operator: Record<string, string>,
  recording: { name: string; room: string },
  other: { name: string; room: string },
): Promise<Record<CredentialCase, CaseRequest>> {
  const share = async (name: string) => {
    const response = await fetch(`${server.url}/recordings/${encodeURIComponent(name)}/share`, { method: 'POST', headers: operator });
    const { url } = (await response.json()) as { url: string };
    return url.split('/watch/')[1];
  };
  const revokedShare = await share(recording.name);
  await fetch(`${server.url}/recordings/${encodeURIComponent(recording.name)}/share`, { method: 'DELETE', headers: operator });
  const own = roomToken(recording.room);
  const [header, payload, signature] = own.split('.');
  const flipped = `${signature[0] === 'A' ? 'B' : 'A'}${signature.slice(1)}`;
  // Issued in the current generation (1, after the revocation above), but past its expiry.
  const expiredShare = server.app.get(SessionKeys).shareLinks.seal({ r: recording.name, e: Date.now() - 1000, g: 1 });
  return {
    none: { headers: {} },
    'own room': { headers: bearer(own) },
    'other room': { headers: bearer(roomToken(other.room)) },
    expired: { headers: bearer(roomToken(recording.room, { expiresIn: -3600 })) },
    'forged signature': { headers: bearer(`${header}.${payload}.${flipped}`) },
    'other secret': { headers: bearer(roomToken(recording.room, { secret: 'somebody-elses-secret-0123456789' })) },
    'with roomRecord': { headers: bearer(roomToken(recording.room, { roomRecord: true })) },
    'no room grant': { headers: bearer(roomToken(recording.room, { withoutRoom: true })) },
    operator: { headers: operator },
    'share of this recording': { headers: {}, share: await share(recording.name) },
    'share of another recording': { headers: {}, share: await share(other.name) },
    'revoked share': { headers: {}, share: revokedShare },
    'expired share': { headers: {}, share: expiredShare },
  };
}
