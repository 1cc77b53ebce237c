import { RoomPass } from './room-passes';

/** What an endpoint needs, set on it by one of the decorators of access.decorators.ts. */
export type AccessRule =
  /** Start and stop: a credential for the room with `roomRecord`, or the operator; 403 for other rooms. */
  | { kind: 'room-control' }
  /** The recordings a credential covers (the operator: all). */
  | { kind: 'list' }
  /** One recording: `read` (stream, URL, poster; share tokens too) or `manage` (delete, share). Other rooms: 404. */
  | { kind: 'recording'; right: 'read' | 'manage' };

/** The valid credentials a request carries. */
export interface Credentials {
  operator: boolean;
  /** Bearer token first, then the cookie's rooms, newest first. */
  passes: readonly RoomPass[];
}

/** Which rooms a listing covers. */
export type ListScope = 'all' | readonly string[];

export type AccessDecision =
  { allowed: true; actor?: string; scope: ListScope } | { allowed: false; refusal: 'no credential' | 'other room' | 'no record grant' };

export const OPERATOR_ACTOR = 'operator';

/**
 * The contract's Access table as one function. `room` is the room the request is about (body `roomName`, or the
 * room part of the recording name); undefined when the input names none validly, which validation then answers
 * with 400 ("is 400 on every endpoint that takes one").
 */
export function decideAccess(rule: AccessRule, credentials: Credentials, room: string | undefined): AccessDecision {
  const { operator, passes } = credentials;
  const scope: ListScope = operator ? 'all' : [...new Set(passes.map((pass) => pass.room))];
  // Bad input is answered 400 before access: it names no room, so it reveals nothing and touches nothing.
  if (rule.kind !== 'list' && room === undefined) return { allowed: true, scope };
  if (!operator && passes.length === 0) return { allowed: false, refusal: 'no credential' };
  if (rule.kind === 'list') return { allowed: true, scope };

  const forRoom = passes.filter((pass) => pass.room === room);
  const recorder = forRoom.find((pass) => pass.roomRecord);
  const needsRecord = rule.kind === 'room-control' || rule.right === 'manage';
  if (recorder) return { allowed: true, actor: recorder.name, scope };
  if (!needsRecord && forRoom.length > 0) return { allowed: true, actor: forRoom[0].name, scope };
  if (operator) return { allowed: true, actor: OPERATOR_ACTOR, scope };
  if (forRoom.length > 0) return { allowed: false, refusal: 'no record grant' };
  return { allowed: false, refusal: 'other room' };
}
