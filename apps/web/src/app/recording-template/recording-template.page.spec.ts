import { TestBed } from '@angular/core/testing';
import { RoomEvent, Track } from 'livekit-client';

import { LIVEKIT_URL, RECORDER_TOKEN, TemplatePageHarness } from '../testing/template-page';

const { Camera, Microphone } = Track.Source;

describe('RecordingTemplatePage: what the recording shows', () => {
  let page: TemplatePageHarness;

  beforeEach(() => (page = new TemplatePageHarness()));
  afterEach(() => jest.restoreAllMocks());

  it('joins with the url and token of its address and shows everyone but the recorder, by name, in a grid', async () => {
    const { room } = page;
    room.present('alice', 'Alice Liddell');
    room.present('bob', 'Bob', { camera: 'off' });
    await page.open();
    expect(room.connect).toHaveBeenCalledWith(LIVEKIT_URL, RECORDER_TOKEN);
    room.joinEgress('EG_second_recorder');
    room.join('observer', 'Hidden Observer').permissions = { hidden: true };
    room.emit(RoomEvent.ParticipantPermissionsChanged);
    await page.render();
    expect(page.element.querySelector('.stage')!.getAttribute('data-layout')).toBe('grid');
    expect(page.names('.grid app-stage-tile')).toEqual(['Alice Liddell', 'Bob']);
    expect(page.element.textContent).not.toContain('EG_');
    expect(page.element.textContent).not.toContain('Hidden Observer');
    expect(page.element.querySelector('.badge-room')!.textContent).toBe('Test Room');
    expect(page.element.querySelector('button, input, select, a')).toBeNull();
  });

  it("plays Alice's camera in her tile and shows a card with Bob's initials for his camera that is off", async () => {
    const { room } = page;
    const alice = room.present('alice', 'Alice Liddell');
    room.present('bob', 'Bob Marley', { camera: 'off' });
    await page.open();
    const video = page.tileOf('Alice Liddell').querySelector('video')!;
    expect(alice.track(Camera)!.attached.has(video)).toBe(true);
    const bob = page.tileOf('Bob Marley');
    expect(bob.querySelector('video')).toBeNull();
    expect(bob.querySelector('.avatar')!.textContent).toBe('BM');
    expect(bob.querySelector('.camera-off-label')!.textContent).toBe('Camera off');
  });

  it('shows the card when a camera is turned off during the recording, and the picture again when it is back', async () => {
    const { room } = page;
    const alice = room.present('alice', 'Alice');
    await page.open();
    room.setMuted('alice', Camera, true);
    await page.render();
    expect(page.tileOf('Alice').querySelector('video')).toBeNull();
    expect(page.tileOf('Alice').querySelector('.avatar')!.textContent).toBe('A');
    expect(alice.track(Camera)!.attached.size).toBe(0);
    room.setMuted('alice', Camera, false);
    await page.render();
    expect(alice.track(Camera)!.attached.has(page.tileOf('Alice').querySelector('video')!)).toBe(true);
  });

  it('shows a card for someone who publishes no camera at all, and marks a muted microphone', async () => {
    page.room.present('carol', 'Carol', { camera: 'none', microphone: 'off' });
    await page.open();
    const carol = page.tileOf('Carol');
    expect(carol.querySelector('.avatar')!.textContent).toBe('C');
    expect(carol.querySelector('[aria-label="Microphone off"]')).not.toBeNull();
  });

  it('shows those already in the room in the order they joined, whatever order the server lists them in', async () => {
    const { room } = page;
    room.present('bob', 'Bob').joinedAt = new Date(Date.UTC(2026, 10, 23, 10, 0, 5));
    room.present('carol', 'Carol').joinedAt = new Date(Date.UTC(2026, 10, 23, 10, 0, 9));
    room.present('alice', 'Alice').joinedAt = new Date(Date.UTC(2026, 10, 23, 10, 0, 1));
    await page.open();
    expect(page.names()).toEqual(['Alice', 'Bob', 'Carol']);
  });

  it('adds people who join and removes those who leave', async () => {
    const { room } = page;
    room.present('alice', 'Alice');
    await page.open();
    room.join('bob', 'Bob');
    room.join('carol', 'Carol', { camera: 'off' });
    await page.render();
    expect(page.names()).toEqual(['Alice', 'Bob', 'Carol']);
    expect(page.element.querySelector('.grid')!.getAttribute('style')).toContain('--columns: 2');
    room.leave('bob');
    await page.render();
    expect(page.names()).toEqual(['Alice', 'Carol']);
    room.leave('alice');
    room.leave('carol');
    await page.render();
    expect(page.tiles()).toHaveLength(0);
    expect(page.element.querySelector('.notice')!.textContent).toContain('Waiting for participants');
  });

  it("plays everyone's sound, also of those the layout does not show", async () => {
    const { room } = page;
    const alice = room.present('alice', 'Alice');
    const bob = room.present('bob', 'Bob', { camera: 'off' });
    await page.open({ url: LIVEKIT_URL, token: RECORDER_TOKEN, layout: 'single-speaker' });
    expect(page.tiles()).toHaveLength(1);
    const voices = [...page.element.querySelectorAll('audio')];
    expect(voices.map((audio) => audio.getAttribute('data-identity'))).toEqual(['alice', 'bob']);
    expect(alice.track(Microphone)!.attached.has(voices[0])).toBe(true);
    expect(bob.track(Microphone)!.attached.has(voices[1])).toBe(true);
  });

  it('speaker: the active speaker large, the others in a strip, following who speaks', async () => {
    const { room } = page;
    for (const [identity, name] of [
      ['alice', 'Alice'],
      ['bob', 'Bob'],
      ['carol', 'Carol'],
    ]) {
      room.present(identity, name);
    }
    await page.open({ url: LIVEKIT_URL, token: RECORDER_TOKEN, layout: 'speaker' });
    expect(page.names('.main-tile')).toEqual(['Alice']);
    expect(page.names('.strip app-stage-tile')).toEqual(['Bob', 'Carol']);
    room.speak('carol');
    await page.render();
    expect(page.names('.main-tile')).toEqual(['Carol']);
    expect(page.names('.strip app-stage-tile')).toEqual(['Alice', 'Bob']);
    expect(page.tiles('.main-tile.speaking')).toHaveLength(1);
    // Silence: the last one who spoke stays.
    room.speak();
    await page.render();
    expect(page.names('.main-tile')).toEqual(['Carol']);
  });

  it('single-speaker: only the active speaker, the last one who spoke when nobody speaks, or the first with a camera', async () => {
    const { room } = page;
    room.present('alice', 'Alice', { camera: 'off' });
    room.present('bob', 'Bob');
    await page.open({ url: LIVEKIT_URL, token: RECORDER_TOKEN, layout: 'single-speaker' });
    expect(page.names()).toEqual(['Bob']);
    room.speak('alice');
    await page.render();
    expect(page.names()).toEqual(['Alice']);
    expect(page.tileOf('Alice').querySelector('.avatar')).not.toBeNull();
    room.speak();
    await page.render();
    expect(page.names()).toEqual(['Alice']);
    // Nobody to show large once the speaker left… but the others.
    room.leave('alice');
    await page.render();
    expect(page.names()).toEqual(['Bob']);
  });

  it('switches layout live as Egress UpdateLayout does it (the recorder participant metadata), keeping the people', async () => {
    const { room } = page;
    room.present('alice', 'Alice');
    room.present('bob', 'Bob');
    await page.open();
    const layout = () => page.element.querySelector('.stage')!.getAttribute('data-layout');
    expect(page.tiles('.grid app-stage-tile')).toHaveLength(2);

    room.updateLayout('speaker');
    await page.render();
    expect(layout()).toBe('speaker');
    expect(page.names('.main-tile')).toEqual(['Alice']);
    expect(page.names('.strip app-stage-tile')).toEqual(['Bob']);

    room.updateLayout('single-speaker');
    await page.render();
    expect(layout()).toBe('single-speaker');
    expect(page.names()).toEqual(['Alice']);
    expect(page.element.querySelector('.strip')).toBeNull();

    room.updateLayout('unknown-layout');
    await page.render();
    expect(layout()).toBe('grid');
    expect(page.names('.grid app-stage-tile')).toEqual(['Alice', 'Bob']);
  });

  it('takes a layout that was changed before the page joined (already in the recorder metadata) over its address', async () => {
    page.room.present('alice', 'Alice');
    page.room.present('bob', 'Bob');
    page.room.localParticipant.metadata = JSON.stringify({ layout: 'single-speaker' });
    await page.open({ url: LIVEKIT_URL, token: RECORDER_TOKEN, layout: 'grid' });
    expect(page.element.querySelector('.stage')!.getAttribute('data-layout')).toBe('single-speaker');
    expect(page.names()).toEqual(['Alice']);
  });

  it('says why when its address has no url or token, and never joins', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    await page.open({ layout: 'grid' });
    expect(page.room.connect).not.toHaveBeenCalled();
    expect(page.element.textContent).toContain('The recorder could not join the room');
    expect(page.element.textContent).toContain('url is not found in query string');
    expect(error).toHaveBeenCalled();
    expect(page.count('START_RECORDING')).toBe(0);
  });

  it('says why when the room cannot be joined, without the token', async () => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    page.room.connection = Promise.reject(new Error('could not establish signal connection'));
    await page.open();
    expect(page.element.textContent).toContain(`Could not join the room at ${LIVEKIT_URL}: could not establish signal connection`);
    expect(page.element.textContent).not.toContain(RECORDER_TOKEN);
    expect(error.mock.calls.join(' ')).not.toContain(RECORDER_TOKEN);
    expect(page.count('START_RECORDING')).toBe(0);
  });

  afterEach(() => TestBed.resetTestingModule());
});
