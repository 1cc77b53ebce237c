import { TestBed } from '@angular/core/testing';
import { Track } from 'livekit-client';

import { TemplatePageHarness } from '../testing/template-page';
import { EMPTY_ROOM_GRACE_MS, START_DEADLINE_MS } from './recording-template.session';

const { Camera } = Track.Source;

describe('RecordingTemplatePage: when the recording starts and ends', () => {
  let page: TemplatePageHarness;

  beforeEach(() => (page = new TemplatePageHarness()));
  afterEach(() => {
    TestBed.resetTestingModule();
    jest.restoreAllMocks();
    jest.useRealTimers();
  });

  const useFakeTimers = () => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] });

  it('logs START_RECORDING once every camera on the stage has drawn its first frame, and only once', async () => {
    page.room.present('alice', 'Alice');
    page.room.present('bob', 'Bob');
    await page.open();
    expect(page.count('START_RECORDING')).toBe(0);
    page.tiles()[0].querySelector('video')!.dispatchEvent(new Event('loadeddata'));
    await page.render();
    expect(page.count('START_RECORDING')).toBe(0);
    await page.drawFrames();
    expect(page.count('START_RECORDING')).toBe(1);
    page.room.join('carol', 'Carol');
    await page.drawFrames();
    page.room.updateLayout('speaker');
    await page.drawFrames();
    expect(page.count('START_RECORDING')).toBe(1);
  });

  it('waits for a camera still being subscribed, then for its picture', async () => {
    page.room.present('alice', 'Alice', { camera: 'pending' });
    await page.open();
    await page.drawFrames();
    expect(page.count('START_RECORDING')).toBe(0);
    page.room.subscribe('alice', Camera);
    await page.render();
    expect(page.count('START_RECORDING')).toBe(0);
    await page.drawFrames();
    expect(page.count('START_RECORDING')).toBe(1);
  });

  it('starts at once in a room whose cameras are all off (nothing to wait for)', async () => {
    page.room.present('alice', 'Alice', { camera: 'off' });
    page.room.present('bob', 'Bob', { camera: 'none' });
    await page.open();
    expect(page.count('START_RECORDING')).toBe(1);
  });

  it('only waits for the cameras the layout shows', async () => {
    page.room.present('alice', 'Alice', { camera: 'off' });
    page.room.present('bob', 'Bob');
    page.room.speak('alice');
    await page.open({ url: 'ws://livekit:7880', token: 't', layout: 'single-speaker' });
    expect(page.element.querySelectorAll('video')).toHaveLength(0);
    expect(page.count('START_RECORDING')).toBe(1);
  });

  it(`starts anyway ${START_DEADLINE_MS} ms after joining when a picture never comes`, async () => {
    useFakeTimers();
    page.room.present('alice', 'Alice');
    page.room.present('bob', 'Bob', { camera: 'pending' });
    await page.open();
    jest.advanceTimersByTime(START_DEADLINE_MS - 1);
    await page.render();
    expect(page.count('START_RECORDING')).toBe(0);
    jest.advanceTimersByTime(1);
    await page.render();
    expect(page.count('START_RECORDING')).toBe(1);
    await page.drawFrames();
    expect(page.count('START_RECORDING')).toBe(1);
  });

  it('counts the recording time from START_RECORDING', async () => {
    useFakeTimers();
    page.room.present('alice', 'Alice', { camera: 'off' });
    await page.open();
    expect(page.element.querySelector('.badge-clock')!.textContent).toBe('00:00');
    jest.advanceTimersByTime(65_000);
    await page.render();
    expect(page.element.querySelector('.badge-clock')!.textContent).toBe('01:05');
  });

  it(`logs END_RECORDING when everybody left and nobody came back within ${EMPTY_ROOM_GRACE_MS} ms`, async () => {
    useFakeTimers();
    page.room.present('alice', 'Alice', { camera: 'off' });
    page.room.present('bob', 'Bob', { camera: 'off' });
    await page.open();
    page.room.leave('alice');
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS);
    expect(page.count('END_RECORDING')).toBe(0);
    page.room.leave('bob');
    page.room.joinEgress('EG_other');
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS - 1);
    expect(page.count('END_RECORDING')).toBe(0);
    jest.advanceTimersByTime(1);
    expect(page.count('END_RECORDING')).toBe(1);
    // The room closes under the recorder a little later: egress-sdk must not say it a second time.
    page.room.closed();
    expect(page.count('END_RECORDING')).toBe(1);
  });

  it('keeps recording when someone comes back within the grace period (a reload)', async () => {
    useFakeTimers();
    page.room.present('alice', 'Alice', { camera: 'off' });
    await page.open();
    page.room.leave('alice');
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS - 1_000);
    page.room.join('alice', 'Alice', { camera: 'off' });
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS * 3);
    expect(page.count('END_RECORDING')).toBe(0);
    page.room.leave('alice');
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS);
    expect(page.count('END_RECORDING')).toBe(1);
  });

  it('logs END_RECORDING once at once when the room disconnects (closed, or the recorder removed)', async () => {
    useFakeTimers();
    page.room.present('alice', 'Alice', { camera: 'off' });
    await page.open();
    expect(page.count('START_RECORDING')).toBe(1);
    page.room.closed();
    expect(page.count('END_RECORDING')).toBe(1);
    page.room.remoteParticipants.clear();
    jest.advanceTimersByTime(EMPTY_ROOM_GRACE_MS * 2);
    expect(page.count('END_RECORDING')).toBe(1);
  });
});
