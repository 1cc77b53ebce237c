import type { Request } from 'express';

import { ListScope } from './access-policy';

/** What the access guard allowed a request: who acts (for startedBy/stoppedBy and the log) and which rooms it sees. */
export interface AccessGrant {
  /** The participant name of the credential, `operator`; undefined in open mode and for share links. */
  actor?: string;
  scope: ListScope;
  /** The recording the request is about, validated by the guard (the path's name, or what a share link opens). */
  recording?: string;
  /** Reached through a `/shared/<token>` link: nothing in the answer may name the recording or its room. */
  shared?: boolean;
}

const GRANT = Symbol('access grant');
type WithGrant = Request & { [GRANT]?: AccessGrant };

/** Open mode, and endpoints without an access rule: everyone, everything. */
const OPEN: AccessGrant = { scope: 'all' };

export function setAccessGrant(request: Request, grant: AccessGrant): void {
  (request as WithGrant)[GRANT] = grant;
}

export function accessGrantOf(request: Request): AccessGrant {
  return (request as WithGrant)[GRANT] ?? OPEN;
}
