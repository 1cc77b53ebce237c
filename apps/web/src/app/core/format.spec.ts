import { formatBytes, formatClock, formatDuration, isoDuration } from './format';

describe('formatBytes', () => {
  it.each([
    [0, '0 B'],
    [1023, '1023 B'],
    [1536, '1.5 KB'],
    [5_242_880, '5.0 MB'],
    [157_286_400, '150 MB'],
    [3 * 1024 ** 3, '3.0 GB'],
    [-1, '—'],
    [Number.NaN, '—'],
  ])('%d bytes → %s', (bytes, text) => expect(formatBytes(bytes)).toBe(text));
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [4.4, '4 s'],
    [65, '1 min 05 s'],
    [3725, '1 h 02 min 05 s'],
    [-3, '—'],
  ])('%d s → %s', (seconds, text) => expect(formatDuration(seconds)).toBe(text));

  it('writes an ISO 8601 duration for <time>', () => expect(isoDuration(125.4)).toBe('PT125S'));
});

describe('formatClock', () => {
  it.each([
    [0, '00:00'],
    [4.9, '00:04'],
    [151, '02:31'],
    [3725, '1:02:05'],
    [-1, '--:--'],
    [Number.NaN, '--:--'],
  ])('%p s reads %p', (seconds, text) => expect(formatClock(seconds)).toBe(text));
});
