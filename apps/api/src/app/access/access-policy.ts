import { RoomPass } from './room-passes';

/** What an endpoint needs, set on it by one of the decorators of access.decorators.ts. */
export type AccessRule =
  /** Start, stop and layout: a credential for the room, or the operator; 403 for other rooms. */
  | { kind: 'room-control' }
  /** The recordings a credential covers (the operator: all). */
  | { kind: 'list' }
  /**
   * One recording: `read` (stream, poster; share tokens too unless `shareable` is false, as for `/url`) or `manage`
   * (delete, share). Other rooms: 404.
   */
  | { kind: 'recording'; right: 'read' | 'manage'; shareable?: boolean }
  /** `/shared/<token>`: the share token in the path is the only credential. */
  | { kind: 'shared' };

/** The valid credentials a request carries. */
export interface Credentials {
  operator: boolean;
  /** Bearer token first, then the cookie's rooms, newest first. */
  passes: readonly RoomPass[];
}

/** Which rooms a listing covers. */
export type ListScope = 'all' | readonly string[];

export type AccessDecision =
  { allowed: true; actor?: string; scope: ListScope } | { allowed: false; refusal: 'no credential' | 'other room' };

export const OPERATOR_ACTOR = 'operator';

/**
 * The contract's Access table as one function, for the rules decided by room credentials (share tokens are checked
 * by the guard itself). `room` is the room the request is about (body `roomName`, or the room part of the recording
 * name); the guard decides nothing for input that names no valid room: it fails closed before it gets here.
 * Recording a room through this API needs nothing but a credential for that room: LiveKit's `roomRecord` grant plays
 * no part (browser tokens never carry it).
 */
export function decideAccess(
  rule: Exclude<AccessRule, { kind: 'shared' }>,
  credentials: Credentials,
  room: string | undefined,
): AccessDecision {
  const { operator, passes } = credentials;
  const scope: ListScope = operator ? 'all' : [...new Set(passes.map((pass) => pass.room))];
  if (!operator && passes.length === 0) return { allowed: false, refusal: 'no credential' };
  if (rule.kind === 'list') return { allowed: true, scope };

  const forRoom = passes.find((pass) => pass.room === room);
  if (forRoom) return { allowed: true, actor: forRoom.name, scope };
  if (operator) return { allowed: true, actor: OPERATOR_ACTOR, scope };
  return { allowed: false, refusal: 'other room' };
}
