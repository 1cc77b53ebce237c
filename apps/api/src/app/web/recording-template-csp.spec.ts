import { recordingTemplateLiveKitSources } from './recording-template-csp';

const template = (url: string) => `/recording-template?url=${encodeURIComponent(url)}&token=t.o.k&layout=grid`;

describe('recordingTemplateLiveKitSources', () => {
  it.each([
    ['ws://127.0.0.1:7880', ['ws://127.0.0.1:7880', 'http://127.0.0.1:7880']],
    ['wss://livekit.internal.example:7443', ['wss://livekit.internal.example:7443', 'https://livekit.internal.example:7443']],
    ['wss://LiveKit.Example.com', ['wss://livekit.example.com', 'https://livekit.example.com']],
    ['ws://livekit:7880/', ['ws://livekit:7880', 'http://livekit:7880']],
    ['wss://example.com/livekit', ['wss://example.com', 'https://example.com']],
    ['ws://[::1]:7880', ['ws://[::1]:7880', 'http://[::1]:7880']],
  ])('allows the LiveKit server %s', (url, sources) => expect(recordingTemplateLiveKitSources(template(url))).toEqual(sources));

  it('accepts the path with a trailing slash', () => {
    expect(recordingTemplateLiveKitSources('/recording-template/?url=ws%3A%2F%2Flivekit%3A7880')).toEqual([
      'ws://livekit:7880',
      'http://livekit:7880',
    ]);
  });

  it.each([
    ['an http URL', 'http://livekit:7880'],
    ['an https URL', 'https://livekit.example.com'],
    ['javascript:', 'javascript:alert(1)'],
    ['data:', 'data:text/plain,hi'],
    ['a directive smuggled in the host', "ws://evil.example;script-src 'unsafe-inline'"],
    ['a semicolon in the host', 'ws://evil.example;script-src:7880'],
    ['a comma in the host', 'ws://a.example,b.example'],
    ['a wildcard host', 'wss://*.example.com'],
    ['a quote in the host', "ws://it's.example"],
    ['credentials', 'wss://user:pass@livekit.example.com'],
    ['a query', 'wss://livekit.example.com/?x=1'],
    ['a fragment', 'wss://livekit.example.com#x'],
    ['spaces around it', ' wss://livekit.example.com'],
    ['a newline inside', 'wss://livekit.\nexample.com'],
    ['not a URL', 'livekit:7880'],
    ['nothing', ''],
  ])('refuses %s', (_label, url) => expect(recordingTemplateLiveKitSources(template(url))).toEqual([]));

  it.each([
    ['another page', '/watch/abc?url=ws%3A%2F%2Flivekit%3A7880'],
    ['a deeper path', '/recording-template/x?url=ws%3A%2F%2Flivekit%3A7880'],
    ['the template without url', '/recording-template?token=t'],
    ['two url parameters', '/recording-template?url=ws%3A%2F%2Fa%3A7880&url=ws%3A%2F%2Fb%3A7880'],
    ['no request URL', undefined],
  ])('adds nothing for %s', (_label, requestUrl) => expect(recordingTemplateLiveKitSources(requestUrl)).toEqual([]));
});
