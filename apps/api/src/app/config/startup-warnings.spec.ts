import { AppConfig } from './app-config';
import { startupWarnings } from './startup-warnings';

const STRONG = 'livekit-secret-0123456789-0123456789';
const eventsOf = (env: Record<string, string>) => startupWarnings(AppConfig.fromEnvironment(env)).map((warning) => warning.event);

describe('startupWarnings', () => {
  it('says nothing with a real secret in room mode', () => {
    expect(eventsOf({ LIVEKIT_API_SECRET: STRONG })).toEqual([]);
  });

  it('warns about the development LiveKit secret, including cookies and share links derived from it', () => {
    const [warning] = startupWarnings(AppConfig.fromEnvironment({}));
    expect(warning.event).toBe('access.weak_secret');
    expect(warning.message).toMatch(/LIVEKIT_API_SECRET is the development default .*forge webhooks, cookies and share links/);
  });

  it('still warns about a weak LiveKit secret when SESSION_SECRET is set', () => {
    const warnings = startupWarnings(AppConfig.fromEnvironment({ SESSION_SECRET: 'session-secret-0123456789-0123456789' }));
    expect(warnings.map((warning) => warning.event)).toEqual(['access.weak_secret']);
    expect(warnings[0].message).not.toMatch(/cookies/);
  });

  it('warns about a LiveKit secret shorter than 32 characters', () => {
    expect(eventsOf({ LIVEKIT_API_SECRET: 'x'.repeat(31) })).toEqual(['access.weak_secret']);
  });

  it('warns about open access and a weak secret together', () => {
    expect(eventsOf({ AUTH_MODE: 'open' })).toEqual(['access.open', 'access.weak_secret']);
    expect(eventsOf({ AUTH_MODE: 'open', LIVEKIT_API_SECRET: STRONG })).toEqual(['access.open']);
  });

  it('never quotes the secret', () => {
    const secret = 'short-but-private';
    expect(JSON.stringify(startupWarnings(AppConfig.fromEnvironment({ LIVEKIT_API_SECRET: secret })))).not.toContain(secret);
  });
});
