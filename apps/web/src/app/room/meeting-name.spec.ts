import { isValidRoomName } from '@recording/contracts';

import { inviteLinkOf, newMeetingName } from './meeting-name';

describe('newMeetingName', () => {
  it('is four groups of four lowercase letters, and a valid room name', () => {
    const name = newMeetingName();
    expect(name).toMatch(/^[a-z]{4}(-[a-z]{4}){3}$/);
    expect(isValidRoomName(name)).toBe(true);
  });

  it('draws every letter from the random source, without the bias of a plain modulo', () => {
    // 234 and above would favour the first letters: they are drawn again.
    const bytes = [255, 234, 0, 25, 26, 233, ...Array.from({ length: 26 }, (_, index) => index)];
    const name = newMeetingName((target) => (target.set(bytes.slice(0, target.length)), target));
    expect(name).toBe('azaz-abcd-efgh-ijkl');
  });

  it('does not repeat itself over many draws (16 letters: about 75 bits)', () => {
    const names = new Set(Array.from({ length: 2000 }, () => newMeetingName()));
    expect(names.size).toBe(2000);
  });
});

describe('inviteLinkOf', () => {
  it('opens the join form with the room filled in', () => {
    expect(inviteLinkOf('kqzv-mwhr-tbne-pxfa', 'https://meet.example')).toBe('https://meet.example/?room=kqzv-mwhr-tbne-pxfa');
    expect(inviteLinkOf('Board Room', 'http://localhost:6080')).toBe('http://localhost:6080/?room=Board%20Room');
  });
});
