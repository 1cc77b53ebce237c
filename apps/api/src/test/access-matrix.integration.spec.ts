import { SHARE_LINK_INVALID_MESSAGE } from '@recording/contracts';

import { CaseRequest, CREDENTIAL_CASES, CredentialCase, credentialCases } from './support/access-matrix';
import { operatorAuth } from './support/credentials';
import { putBlob, recordingName } from './support/recordings';
import { startTestServer, TestServer } from './support/test-server';

const OPERATOR_SECRET = 'matrix-operator-secret-0123';
const alpha = { room: 'Alpha Room', name: recordingName('Alpha Room', '2026-11-20T090000', 'RM_alpha') };
const beta = { room: 'Beta Room', name: recordingName('Beta Room', '2026-11-21T090000', 'RM_beta') };
/** Deleted and shared by the matrix, so put back before each request. */
const manageable = recordingName('Alpha Room', '2026-11-22T090000', 'RM_alpha');

type Outcome = number | { status: number; errorMessage?: unknown; listed?: string[] };

const NOT_FOUND = { status: 404, errorMessage: 'Recording not found' };
const LINK_INVALID = { status: 404, errorMessage: SHARE_LINK_INVALID_MESSAGE };
const refusedTokens = { expired: 401, 'forged signature': 401, 'other secret': 401, 'no room grant': 401 } as const;
const shareTokensWithoutRights = {
  'share of this recording': 401,
  'share of another recording': 401,
  'revoked share': 401,
  'expired share': 401,
};

interface Endpoint {
  method: string;
  path: string;
  body?: unknown;
  /** Puts the manageable recording back first. */
  restore?: boolean;
  expected: Record<CredentialCase, Outcome>;
}

const roomControl = (path: string, allowed: Outcome, body: object = {}): Endpoint => ({
  method: 'POST',
  path,
  body: { roomName: alpha.room, ...body },
  expected: {
    none: 401,
    'own room': allowed,
    'other room': 403,
    ...refusedTokens,
    'with roomRecord': allowed,
    operator: allowed,
    ...shareTokensWithoutRights,
  },
});

const manage = (method: string, path: string, allowed: number): Endpoint => ({
  method,
  path,
  restore: true,
  expected: {
    none: 401,
    'own room': allowed,
    'other room': NOT_FOUND,
    ...refusedTokens,
    'with roomRecord': allowed,
    operator: allowed,
    ...shareTokensWithoutRights,
  },
});

/** `allowed`: what the endpoint answers once access is granted (the poster of these random bytes cannot be made: 503). */
const read = (method: string, path = `/recordings/${encodeURIComponent(alpha.name)}`, allowed = 200): Endpoint => ({
  method,
  path,
  expected: {
    none: 401,
    'own room': allowed,
    'other room': method === 'HEAD' ? 404 : NOT_FOUND,
    ...refusedTokens,
    'with roomRecord': allowed,
    operator: allowed,
    'share of this recording': allowed,
    'share of another recording': method === 'HEAD' ? 404 : LINK_INVALID,
    'revoked share': method === 'HEAD' ? 404 : LINK_INVALID,
    'expired share': method === 'HEAD' ? 404 : LINK_INVALID,
  },
});

const ENDPOINTS: Endpoint[] = [
  // Allowed: the service answers (the room has nobody in it); refused: the guard does, before any LiveKit call.
  roomControl('/recordings/start', { status: 409, errorMessage: expect.stringMatching(/does not exist/) }),
  roomControl('/recordings/stop', { status: 409, errorMessage: 'Recording not started for this room' }),
  roomControl('/recordings/layout', { status: 409, errorMessage: 'Recording not started for this room' }, { layout: 'speaker' }),
  {
    method: 'GET',
    path: '/recordings',
    expected: {
      none: 401,
      'own room': { status: 200, listed: [manageable, alpha.name] },
      'other room': { status: 200, listed: [beta.name] },
      ...refusedTokens,
      'with roomRecord': { status: 200, listed: [manageable, alpha.name] },
      operator: { status: 200, listed: [manageable, beta.name, alpha.name] },
      ...shareTokensWithoutRights,
    },
  },
  read('GET'),
  read('HEAD'),
  read('GET', `/recordings/${encodeURIComponent(alpha.name)}/poster`, 503),
  // A storage URL names the room: never for a share token, whichever recording it opens.
  {
    ...read('GET', `/recordings/${encodeURIComponent(alpha.name)}/url`),
    expected: { ...read('GET').expected, ...shareTokensWithoutRights },
  },
  manage('DELETE', `/recordings/${encodeURIComponent(manageable)}`, 200),
  manage('POST', `/recordings/${encodeURIComponent(manageable)}/share`, 200),
  manage('DELETE', `/recordings/${encodeURIComponent(manageable)}/share`, 200),
];

describe('the authorization matrix (AUTH_MODE=room, the default)', () => {
  let server: TestServer;
  let cases: Record<CredentialCase, CaseRequest>;

  beforeAll(async () => {
    server = await startTestServer({ OPERATOR_SECRET });
    for (const { name } of [alpha, beta]) await putBlob(server.container, `recordings/${name}`, 2048);
    await putBlob(server.container, `recordings/${manageable}`, 1024);
    cases = await credentialCases(server, await operatorAuth(server.url, OPERATOR_SECRET), alpha, beta);
  });
  afterAll(() => server.close());

  describe.each(
    ENDPOINTS.map((endpoint) => [`${endpoint.method} ${endpoint.path.replace(/RoomComposite-[^/?]+\.mp4/, ':name')}`, endpoint]),
  )('%s', (_label, endpoint) => {
    it.each(CREDENTIAL_CASES.map((credential) => [credential]))('with %s', async (credential) => {
      if (endpoint.restore) await putBlob(server.container, `recordings/${manageable}`, 1024);
      const { headers, share } = cases[credential];
      const query = share === undefined ? '' : `?share=${encodeURIComponent(share)}`;
      const response = await fetch(`${server.url}${endpoint.path}${query}`, {
        method: endpoint.method,
        headers: { ...headers, ...(endpoint.body ? { 'content-type': 'application/json' } : {}) },
        body: endpoint.body ? JSON.stringify(endpoint.body) : undefined,
      });
      const outcome = endpoint.expected[credential];
      const expected = typeof outcome === 'number' ? { status: outcome } : outcome;
      const text = endpoint.method === 'HEAD' ? '' : await response.text();
      const body = text && response.headers.get('content-type')?.includes('json') ? (JSON.parse(text) as Record<string, unknown>) : {};
      expect({ credential, status: response.status }).toEqual({ credential, status: expected.status });
      if (response.status >= 400 && endpoint.method !== 'HEAD') expect(body).toEqual({ errorMessage: expect.any(String) });
      if (expected.errorMessage) expect(body['errorMessage']).toEqual(expected.errorMessage);
      if (expected.listed) expect((body['recordings'] as Array<{ name: string }>).map((r) => r.name)).toEqual(expected.listed);
    });
  });
});
