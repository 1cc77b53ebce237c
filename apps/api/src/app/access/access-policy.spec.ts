import { AccessRule, Credentials, decideAccess } from './access-policy';
import { RoomPass } from './room-passes';

const pass = (room: string, roomRecord = true, name = 'Alice'): RoomPass => ({ room, name, roomRecord, expiresAt: Date.now() + 60_000 });
const none: Credentials = { operator: false, passes: [] };
const alpha: Credentials = { operator: false, passes: [pass('Alpha')] };
const alphaNoRecord: Credentials = { operator: false, passes: [pass('Alpha', false)] };
const operator: Credentials = { operator: true, passes: [] };

const control: AccessRule = { kind: 'room-control' };
const read: AccessRule = { kind: 'recording', right: 'read' };
const manage: AccessRule = { kind: 'recording', right: 'manage' };
const list: AccessRule = { kind: 'list' };

describe('decideAccess: the Access table of the contract', () => {
  it.each([
    // rule, credentials, room, outcome
    ['start/stop', control, none, 'Alpha', 'no credential'],
    ['start/stop', control, alpha, 'Alpha', 'Alice'],
    ['start/stop', control, alpha, 'Beta', 'other room'],
    ['start/stop', control, alphaNoRecord, 'Alpha', 'no record grant'],
    ['start/stop', control, operator, 'Beta', 'operator'],
    ['read', read, none, 'Alpha', 'no credential'],
    ['read', read, alpha, 'Alpha', 'Alice'],
    ['read', read, alphaNoRecord, 'Alpha', 'Alice'],
    ['read', read, alpha, 'Beta', 'other room'],
    ['read', read, operator, 'Beta', 'operator'],
    ['manage', manage, none, 'Alpha', 'no credential'],
    ['manage', manage, alpha, 'Alpha', 'Alice'],
    ['manage', manage, alphaNoRecord, 'Alpha', 'no record grant'],
    ['manage', manage, alpha, 'Beta', 'other room'],
    ['manage', manage, operator, 'Beta', 'operator'],
  ])('%s with %j for room %s: %s', (_label, rule, credentials, room, outcome) => {
    const decision = decideAccess(rule, credentials, room);
    expect(decision.allowed ? decision.actor : decision.refusal).toBe(outcome);
  });

  it('prefers the participant name over "operator" when both cover the room', () => {
    expect(decideAccess(control, { operator: true, passes: [pass('Alpha', true, 'Bob')] }, 'Alpha')).toMatchObject({ actor: 'Bob' });
  });

  it('takes the pass with roomRecord when several cover the room', () => {
    const credentials = { operator: false, passes: [pass('Alpha', false, 'Viewer'), pass('Alpha', true, 'Host')] };
    expect(decideAccess(manage, credentials, 'Alpha')).toMatchObject({ allowed: true, actor: 'Host' });
  });

  it('lists the rooms a credential covers, all for the operator, nothing without one', () => {
    expect(decideAccess(list, { operator: false, passes: [pass('A'), pass('B'), pass('A')] }, undefined)).toEqual({
      allowed: true,
      scope: ['A', 'B'],
    });
    expect(decideAccess(list, operator, undefined)).toEqual({ allowed: true, scope: 'all' });
    expect(decideAccess(list, none, undefined)).toEqual({ allowed: false, refusal: 'no credential' });
  });

  it('leaves an input naming no valid room to validation (400), with or without a credential', () => {
    expect(decideAccess(manage, alpha, undefined)).toMatchObject({ allowed: true });
    expect(decideAccess(control, none, undefined)).toMatchObject({ allowed: true, scope: [] });
    expect(decideAccess(read, none, undefined)).not.toHaveProperty('actor');
  });
});
