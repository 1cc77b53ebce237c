import { Writable } from 'node:stream';

import { pathOf, withoutUrlSecrets } from './http-logger';
import { createRootLogger } from './root-logger';

function capture(): Writable & { text: string } {
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      stream.text += chunk.toString();
      done();
    },
  }) as Writable & { text: string };
  stream.text = '';
  return stream;
}

describe('createRootLogger', () => {
  it('writes readable single lines for a terminal with LOG_FORMAT=text', () => {
    const out = capture();
    createRootLogger({ logFormat: 'text', logLevel: 'info' }, out).info({ requestId: 'r-1', status: 200 }, 'GET /config 200');
    expect(out.text).toMatch(/^\[\d{2}:\d{2}:\d{2}\.\d{3}\] INFO: GET \/config 200 \{.*"requestId":"r-1".*\}\n$/);
  });

  it('writes one JSON object per line with LOG_FORMAT=json', () => {
    const out = capture();
    createRootLogger({ logFormat: 'json', logLevel: 'info' }, out).info({ requestId: 'r-1' }, 'GET /config 200');
    expect(JSON.parse(out.text)).toMatchObject({ level: 30, requestId: 'r-1', msg: 'GET /config 200' });
  });

  it('honours LOG_LEVEL', () => {
    const out = capture();
    const logger = createRootLogger({ logFormat: 'json', logLevel: 'warn' }, out);
    logger.info('hidden');
    logger.warn('shown');
    expect(out.text).not.toContain('hidden');
    expect(out.text).toContain('shown');
  });

  it('redacts authorization and cookie headers if a request is ever logged whole', () => {
    const out = capture();
    createRootLogger({ logFormat: 'json', logLevel: 'info' }, out).info({
      req: { headers: { authorization: 'Bearer abc', cookie: 'session=def', accept: '*/*' } },
      res: { headers: { 'set-cookie': 'session=ghi' } },
    });
    expect(out.text).not.toMatch(/abc|def|ghi/);
    expect(JSON.parse(out.text)).toMatchObject({ req: { headers: { authorization: '[redacted]', accept: '*/*' } } });
  });
});

describe('log hygiene', () => {
  it.each([
    ['/recordings?sig=abc', '/recordings'],
    ['/a/b#frag', '/a/b'],
    ['', '/'],
    [undefined, '/'],
  ])('pathOf(%j) = %j', (url, path) => expect(pathOf(url)).toBe(path));

  it('blanks signatures and tokens quoted in error texts', () => {
    expect(withoutUrlSecrets('GET https://a.blob.core.windows.net/c/b?sv=2024&se=2026&sig=AbC%2Bd&x=1 failed')).toBe(
      'GET https://a.blob.core.windows.net/c/b?sv=2024&se=2026&sig=[redacted]&x=1 failed',
    );
    expect(withoutUrlSecrets('/r?share=s3cr3t token=plain')).toBe('/r?share=[redacted] token=plain');
  });
});
