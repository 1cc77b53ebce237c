/** `AUTH_MODE`: `room` (credentials per room, the default) or `open` (the original tutorial: everything open). */
export type AuthMode = 'room' | 'open';

/** `GET /auth/session`: what this browser (or Bearer token) may reach. */
export interface SessionResponse {
  mode: AuthMode;
  /** Signed in as operator (sees and manages every room). */
  operator: boolean;
  /** The rooms this browser joined (the `recording_access` cookie) or the Bearer token is for, newest first. */
  rooms: string[];
  /** The server has an operator sign-in (`OPERATOR_SECRET` is set). */
  operatorSignIn: boolean;
}

export interface OperatorSignInRequest {
  secret: string;
}

export interface OperatorSignInResponse {
  /** Send as `Authorization: Bearer <token>`; the `recording_operator` cookie carries the same. */
  token: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface LogoutResponse {
  message: 'Signed out';
}

/** Bounds of `POST /recordings/:name/share {expiresInMinutes}` (30 days at most, 1 day by default). */
export const SHARE_EXPIRY_MINUTES = { min: 1, max: 43_200, default: 1440 } as const;

export interface CreateShareRequest {
  expiresInMinutes?: number;
}

export interface CreateShareResponse {
  /** Absolute URL of the `/watch/<token>` page. */
  url: string;
  /** Epoch milliseconds. */
  expiresAt: number;
}

export interface RevokeSharesResponse {
  message: 'Share links revoked';
}

/** The answer to an expired, revoked, forged or other-recording share token (404). */
export const SHARE_LINK_INVALID_MESSAGE = 'This link has expired or was revoked';

/** The SPA's page for a share link: `/watch/<token>`. */
export const WATCH_PATH = 'watch';

/** The API's routes of a share link's recording: `GET`/`HEAD /shared/<token>` and `GET /shared/<token>/poster`. */
export const SHARED_PATH = 'shared';

export function sharedRecordingPathOf(token: string): string {
  return `/${SHARED_PATH}/${encodeURIComponent(token)}`;
}

export function sharedPosterPathOf(token: string): string {
  return `${sharedRecordingPathOf(token)}/poster`;
}
