import { redactUrls, urlForLogs } from './url-redaction';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJFR19yZWNvcmRlciJ9.c2lnbmF0dXJl';
const PAGE = `http://127.0.0.1:6080/recording-template?url=ws%3A%2F%2F127.0.0.1%3A7880&token=${TOKEN}&layout=grid`;

describe('urlForLogs', () => {
  it.each([
    [PAGE, 'http://127.0.0.1:6080/recording-template'],
    ['https://app.example.com/t?x=1#frag', 'https://app.example.com/t'],
    ['not a url', '(an invalid URL)'],
  ])('%s → %s', (url, shown) => expect(urlForLogs(url)).toBe(shown));
});

describe('redactUrls', () => {
  it.each([
    [
      'the whole URL',
      `page.goto: net::ERR_CONNECTION_REFUSED at ${PAGE}`,
      'page.goto: net::ERR_CONNECTION_REFUSED at http://127.0.0.1:6080/recording-template',
    ],
    ['the token alone', `bad token ${TOKEN}!`, 'bad token [redacted]!'],
    ['the token URL-encoded elsewhere', `next=${encodeURIComponent(TOKEN)}`, 'next=[redacted]'],
    ['any token parameter', 'http://other/?a=1&token=abc&b=2', 'http://other/?a=1&token=[redacted]&b=2'],
    ['short values are not secrets', 'layout grid failed', 'layout grid failed'],
  ])('takes out %s', (_name, text, expected) => {
    expect(redactUrls(text, PAGE)).toBe(expected);
  });
});
