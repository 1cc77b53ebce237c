import { LatestRequest } from './latest-request';

describe('LatestRequest', () => {
  it('keeps only the latest of overlapping loads current', () => {
    const latest = new LatestRequest();
    const first = latest.begin();
    expect(first()).toBe(true);
    const second = latest.begin();
    expect(first()).toBe(false);
    expect(second()).toBe(true);
  });
});
