import { ReadAhead } from './read-ahead';
import type { StorageResponseBody } from './storage-http-client';

const FACTS = { size: 26, etag: '"v1"', lastModified: new Date(0) };

/** Stands in for a storage answer's body: what ReadAhead uses of it is whether it can still be read, and destroy. */
function body(readable = true): StorageResponseBody & { destroyed: boolean } {
  const fake = { destroyed: false, readable, destroy: () => ((fake.destroyed = true), (fake.readable = false)) };
  return fake as unknown as StorageResponseBody & { destroyed: boolean };
}

describe('ReadAhead', () => {
  let readAhead: ReadAhead;
  beforeEach(() => (readAhead = new ReadAhead()));
  afterEach(() => readAhead.close());

  it('hands a parked download to the read that continues where it stopped, once, and to no other', () => {
    const parked = body();
    readAhead.park('blob', 10, parked, FACTS);
    expect(readAhead.take('blob', 11)).toBeUndefined();
    expect(readAhead.take('other', 10)).toBeUndefined();
    expect(readAhead.take('blob', 10)).toMatchObject({ ...FACTS, body: parked });
    expect(readAhead.take('blob', 10)).toBeUndefined();
    expect(parked.destroyed).toBe(false);
  });

  it('drops a parked download nobody continues within 5 s, and every one on close', () => {
    jest.useFakeTimers();
    try {
      const stale = body();
      readAhead.park('blob', 4, stale, FACTS);
      jest.advanceTimersByTime(4_000);
      expect(stale.destroyed).toBe(false);
      jest.advanceTimersByTime(2_000);
      expect(stale.destroyed).toBe(true);
      expect(readAhead.take('blob', 4)).toBeUndefined();
    } finally {
      jest.useRealTimers();
    }
    const kept = [body(), body()];
    readAhead.park('a', 4, kept[0], FACTS);
    readAhead.park('b', 4, kept[1], FACTS);
    readAhead.close();
    expect(kept.map((one) => one.destroyed)).toEqual([true, true]);
    expect(readAhead.size).toBe(0);
  });

  it('keeps at most 64, dropping the oldest, and replaces one parked at the same place', () => {
    const bodies = Array.from({ length: 65 }, () => body());
    bodies.forEach((one, index) => readAhead.park(`blob-${index}`, 4, one, FACTS));
    expect(readAhead.size).toBe(64);
    expect(bodies[0].destroyed).toBe(true);
    expect(bodies.slice(1).every((one) => !one.destroyed)).toBe(true);
    const again = body();
    readAhead.park('blob-1', 4, again, FACTS);
    expect(bodies[1].destroyed).toBe(true);
    expect(readAhead.take('blob-1', 4)?.body).toBe(again);
  });

  it('does not hand out a download that broke while it was parked', () => {
    readAhead.park('blob', 4, body(false), FACTS);
    expect(readAhead.take('blob', 4)).toBeUndefined();
  });
});
