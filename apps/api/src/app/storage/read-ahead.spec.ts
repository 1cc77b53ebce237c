import { PassThrough, Readable } from 'node:stream';
import { text } from 'node:stream/consumers';

import { ReadAhead, readExactly } from './read-ahead';

const FACTS = { size: 26, etag: '"v1"', lastModified: new Date(0) };

/** A download of the alphabet (26 bytes) from `offset`, in chunks of 4 bytes, as a socket would deliver it. */
function download(offset = 0): PassThrough {
  const source = new PassThrough({ highWaterMark: 8 });
  const bytes = Buffer.from('abcdefghijklmnopqrstuvwxyz').subarray(offset);
  for (let at = 0; at < bytes.length; at += 4) source.write(bytes.subarray(at, at + 4));
  source.end();
  return source;
}

describe('readExactly', () => {
  it('gives exactly the bytes asked for and leaves the rest in the source, paused', async () => {
    const source = download();
    let done = false;
    expect(await text(readExactly(source, 10, () => (done = true)))).toBe('abcdefghij');
    expect(done).toBe(true);
    expect(source.isPaused()).toBe(true);
    expect(await text(source)).toBe('klmnopqrstuvwxyz');
  });

  it('fails when the source ends before, and destroys the source when it is destroyed first', async () => {
    await expect(text(readExactly(download(20), 10, () => undefined))).rejects.toThrow('fewer than announced');
    const source = download();
    const portion = readExactly(source, 20, () => undefined);
    portion.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
  });
});

describe('ReadAhead', () => {
  let readAhead: ReadAhead;
  beforeEach(() => (readAhead = new ReadAhead()));
  afterEach(() => readAhead.close());

  it('continues a download where the last answer stopped, portion after portion, and only there', async () => {
    const source = download();
    expect(await text(readAhead.serve('blob', 0, 10, source, FACTS))).toBe('abcdefghij');
    expect(readAhead.take('blob', 11)).toBeUndefined();
    expect(readAhead.take('other', 10)).toBeUndefined();
    const parked = readAhead.take('blob', 10)!;
    expect(parked).toMatchObject(FACTS);
    expect(readAhead.take('blob', 10)).toBeUndefined();
    expect(await text(readAhead.serve('blob', 10, 10, parked.source, parked))).toBe('klmnopqrst');
    const last = readAhead.take('blob', 20)!;
    expect(await text(readAhead.serve('blob', 20, 6, last.source, last))).toBe('uvwxyz');
    // The end of the blob: nothing left to continue.
    expect(readAhead.take('blob', 26)).toBeUndefined();
  });

  it('drops a parked download nobody continues, and every one on close', async () => {
    jest.useFakeTimers();
    try {
      const source = download();
      await text(readAhead.serve('blob', 0, 4, source, FACTS));
      jest.advanceTimersByTime(6_000);
      expect(readAhead.take('blob', 4)).toBeUndefined();
      expect(source.destroyed).toBe(true);
    } finally {
      jest.useRealTimers();
    }
    const kept = download();
    await text(readAhead.serve('blob', 0, 4, kept, FACTS));
    readAhead.close();
    expect(kept.destroyed).toBe(true);
  });

  it('never parks a download whose reader left before the end of its answer', async () => {
    const source = download();
    const portion: Readable = readAhead.serve('blob', 0, 20, source, FACTS);
    portion.destroy();
    await new Promise((resolve) => setImmediate(resolve));
    expect(source.destroyed).toBe(true);
    expect(readAhead.take('blob', 20)).toBeUndefined();
  });
});
