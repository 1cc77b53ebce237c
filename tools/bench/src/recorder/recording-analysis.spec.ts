import { memoryFigures } from './recording-analysis';
import { MemorySample } from './usage-sampler';

const MB = 1e6;
const sample = (atS: number, pssMB: number): MemorySample => ({
  atS,
  pssBytes: pssMB * MB,
  rssBytes: 3 * pssMB * MB,
  processes: 11,
  apiRssBytes: 200 * MB,
});

describe('memoryFigures', () => {
  it('measures the slope in MB per minute after the warm-up, leaving the start-up peak out', () => {
    // 500 MB while Chromium starts, then 300 MB growing by 0.1 MB a second.
    const samples = [sample(0, 500), sample(2, 480), ...Array.from({ length: 60 }, (_, i) => sample(10 + 2 * i, 300 + 0.2 * i))];
    const figures = memoryFigures(samples, 10);
    expect(figures.slopeMBPerMin).toBeCloseTo(6, 6);
    expect(figures.lateSlopeMBPerMin).toBeCloseTo(6, 6);
    expect(figures.startPssMB).toBeCloseTo(300);
    expect(figures.endPssMB).toBeCloseTo(311.8);
    expect(figures.peakPssMB).toBe(500);
    expect(figures.endRssMB).toBeCloseTo(935.4);
  });

  it('tells caches that fill and level off from a leak: the second half alone is flat', () => {
    const samples = Array.from({ length: 100 }, (_, i) => sample(10 + 3 * i, i < 50 ? 300 + i : 350));
    const figures = memoryFigures(samples, 10);
    expect(figures.slopeMBPerMin).toBeGreaterThan(5);
    expect(figures.lateSlopeMBPerMin).toBeCloseTo(0, 6);
  });

  it('is flat for a flat series and says nothing from a single sample', () => {
    expect(memoryFigures([sample(12, 300), sample(14, 300), sample(16, 300)], 10).slopeMBPerMin).toBe(0);
    expect(memoryFigures([sample(12, 300)], 10).slopeMBPerMin).toBeNaN();
  });
});
