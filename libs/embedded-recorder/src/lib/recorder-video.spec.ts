import { formatRecorderVideo, parseRecorderVideo } from './recorder-video';

describe('parseRecorderVideo', () => {
  it.each([
    ['1280x720@30', { width: 1280, height: 720, fps: 30 }],
    ['1920X1080@25', { width: 1920, height: 1080, fps: 25 }],
    [' 640 x 360 @ 15 ', { width: 640, height: 360, fps: 15 }],
    ['160x90@1', { width: 160, height: 90, fps: 1 }],
    ['3840x2160@60', { width: 3840, height: 2160, fps: 60 }],
  ])('reads %j', (text, video) => {
    expect(parseRecorderVideo(text)).toEqual(video);
    expect(parseRecorderVideo(formatRecorderVideo(video))).toEqual(video);
  });

  it.each([
    ['', /is not <width>x<height>@<fps>/],
    ['1280x720', /is not <width>x<height>@<fps>/],
    ['1280*720@30', /is not <width>x<height>@<fps>/],
    ['-1280x720@30', /is not <width>x<height>@<fps>/],
    ['1280x720@29.97', /is not <width>x<height>@<fps>/],
    ['100x720@30', /width 100 is outside 160–3840/],
    ['1280x4000@30', /height 4000 is outside 90–2160/],
    ['1281x720@30', /odd side/],
    ['1280x720@0', /0 fps is outside 1–60/],
    ['1280x720@120', /120 fps is outside 1–60/],
    ['99x4001@0', /width 99.*height 4001.*0 fps/],
  ])('refuses %j with a clear message', (text, message) => {
    expect(() => parseRecorderVideo(text)).toThrow(RangeError);
    expect(() => parseRecorderVideo(text)).toThrow(message);
  });
});
