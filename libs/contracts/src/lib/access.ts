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

/** The SPA's page for a share link. */
export const WATCH_PATH = 'watch';

/**
 * What a share token says about itself, read without checking its signature (only the server can): which recording
 * it names and until when. Undefined for anything that is not shaped like one of our share tokens.
 */
export function readShareToken(token: string): { recordingName: string; expiresAt: number } | undefined {
  const match = /^([A-Za-z0-9_-]{1,4096})\.[A-Za-z0-9_-]{43}$/.exec(token);
  if (!match) return undefined;
  try {
    const base64 = match[1].replace(/-/g, '+').replace(/_/g, '/');
    const bytes = Uint8Array.from(atob(base64), (char) => char.charCodeAt(0));
    const payload = JSON.parse(new TextDecoder().decode(bytes)) as { r?: unknown; e?: unknown };
    if (typeof payload.r !== 'string' || typeof payload.e !== 'number') return undefined;
    return { recordingName: payload.r, expiresAt: payload.e };
  } catch {
    return undefined;
  }
}
