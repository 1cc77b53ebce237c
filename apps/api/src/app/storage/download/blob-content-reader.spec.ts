import { parseContentRange } from './blob-content-reader';

describe('parseContentRange', () => {
  it.each([
    ['bytes 0-99/10000', { start: 0, size: 10000 }],
    ['bytes 9990-9999/10000', { start: 9990, size: 10000 }],
    [' bytes 5-5/6 ', { start: 5, size: 6 }],
  ])('reads the start and the whole size of %j', (header, expected) => expect(parseContentRange(header)).toEqual(expected));

  it.each([undefined, '', 'bytes */10000', 'bytes 0-99/*', 'items 0-1/2'])('finds nothing in %j', (header) =>
    expect(parseContentRange(header)).toBeUndefined(),
  );
});
