import { pairFlashesWithBeeps, risingEdges, summarizeOffsets, withinBt1359 } from './av-sync-analysis';

const series = (levels: number[], stepS = 0.1) => levels.map((level, i) => ({ timeS: i * stepS, level }));

describe('risingEdges', () => {
  it.each([
    ['one flash', [0, 0, 9, 9, 0, 0], 5, 0.05, [0.2]],
    ['two flashes apart', [0, 9, 0, 0, 0, 9, 0], 5, 0.25, [0.1, 0.5]],
    ['a dip shorter than the quiet time is the same flash', [0, 9, 0, 9, 0], 5, 0.25, [0.1]],
    ['level equal to the threshold is not loud', [5, 5, 5], 5, 0.05, []],
    ['loud from the start', [9, 9, 0], 5, 0.05, [0]],
  ])('%s', (_name, levels, threshold, quietS, expected) => {
    expect(risingEdges(series(levels), threshold, quietS)).toEqual(expected.map((t) => expect.closeTo(t, 6)));
  });
});

describe('pairFlashesWithBeeps', () => {
  it.each([
    ['late sound', [1, 2], [1.08, 2.08], [80, 80]],
    ['early sound', [1, 2], [0.96, 1.96], [-40, -40]],
    ['nearest beep wins', [1], [0.7, 1.02, 1.5], [20]],
    ['a flash without a beep within 450 ms is left out', [1, 2], [2.01], [10]],
    ['no beeps', [1], [], []],
  ])('%s', (_name, flashes, beeps, offsets) => {
    expect(pairFlashesWithBeeps(flashes, beeps).map((pair) => pair.offsetMs)).toEqual(offsets);
  });
});

describe('summarizeOffsets and withinBt1359', () => {
  const pairs = (offsets: number[]) => offsets.map((offsetMs, i) => ({ flashS: i, beepS: i + offsetMs / 1000, offsetMs }));

  it.each([
    ['odd count', [10, -30, 20], { count: 3, medianMs: 10, minMs: -30, maxMs: 20, worstMs: -30 }, true],
    ['even count', [10, 20, 30, 130], { count: 4, medianMs: 25, minMs: 10, maxMs: 130, worstMs: 130 }, false],
    ['too early', [-50, 0], { count: 2, medianMs: -25, minMs: -50, maxMs: 0, worstMs: -50 }, false],
    ['edges of the window count as inside', [-45, 125], { count: 2, medianMs: 40, minMs: -45, maxMs: 125, worstMs: 125 }, true],
  ])('%s', (_name, offsets, summary, inside) => {
    const result = summarizeOffsets(pairs(offsets));
    expect(result).toEqual(summary);
    expect(withinBt1359(result)).toBe(inside);
  });

  it('an empty set is not within the window', () => {
    const result = summarizeOffsets([]);
    expect(result.count).toBe(0);
    expect(withinBt1359(result)).toBe(false);
  });
});
