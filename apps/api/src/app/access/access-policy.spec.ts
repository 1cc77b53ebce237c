import { AccessRule, Credentials, decideAccess } from './access-policy';
import { RoomPass } from './room-passes';

const pass = (room: string, name = 'Alice'): RoomPass => ({ room, name, expiresAt: Date.now() + 60_000 });
const none: Credentials = { operator: false, passes: [] };
const alpha: Credentials = { operator: false, passes: [pass('Alpha')] };
const operator: Credentials = { operator: true, passes: [] };

const control: AccessRule = { kind: 'room-control' };
const read: AccessRule = { kind: 'recording', right: 'read' };
const manage: AccessRule = { kind: 'recording', right: 'manage' };
const list: AccessRule = { kind: 'list' };

describe('decideAccess: the Access table of the contract', () => {
  it.each([
    // rule, credentials, room, outcome
    ['start/stop/layout', control, none, 'Alpha', 'no credential'],
    ['start/stop/layout', control, alpha, 'Alpha', 'Alice'],
    ['start/stop/layout', control, alpha, 'Beta', 'other room'],
    ['start/stop/layout', control, operator, 'Beta', 'operator'],
    ['read', read, none, 'Alpha', 'no credential'],
    ['read', read, alpha, 'Alpha', 'Alice'],
    ['read', read, alpha, 'Beta', 'other room'],
    ['read', read, operator, 'Beta', 'operator'],
    ['manage', manage, none, 'Alpha', 'no credential'],
    ['manage', manage, alpha, 'Alpha', 'Alice'],
    ['manage', manage, alpha, 'Beta', 'other room'],
    ['manage', manage, operator, 'Beta', 'operator'],
  ])('%s with %j for room %s: %s', (_label, rule, credentials, room, outcome) => {
    const decision = decideAccess(rule, credentials, room);
    expect(decision.allowed ? decision.actor : decision.refusal).toBe(outcome);
  });

  it('prefers the participant name over "operator" when both cover the room', () => {
    expect(decideAccess(control, { operator: true, passes: [pass('Alpha', 'Bob')] }, 'Alpha')).toMatchObject({ actor: 'Bob' });
  });

  it('lists the rooms a credential covers, all for the operator, nothing without one', () => {
    expect(decideAccess(list, { operator: false, passes: [pass('A'), pass('B'), pass('A')] }, undefined)).toEqual({
      allowed: true,
      scope: ['A', 'B'],
    });
    expect(decideAccess(list, operator, undefined)).toEqual({ allowed: true, scope: 'all' });
    expect(decideAccess(list, none, undefined)).toEqual({ allowed: false, refusal: 'no credential' });
  });

  it('never allows a room credential for a subject that names no room', () => {
    expect(decideAccess(manage, alpha, undefined)).toEqual({ allowed: false, refusal: 'other room' });
    expect(decideAccess(control, none, undefined)).toEqual({ allowed: false, refusal: 'no credential' });
  });
});
