import { AppConfig } from './app-config';
import { InvalidConfigurationError, validateEnvironment } from './environment';

describe('AppConfig.fromEnvironment', () => {
  it('applies the contract defaults and embeds Azurite without an account', () => {
    const config = AppConfig.fromEnvironment({});
    expect(config.serverPort).toBe(6080);
    expect(config.livekit).toEqual({
      url: 'http://localhost:7880',
      publicUrl: 'ws://localhost:7880',
      apiKey: 'devkey',
      apiSecret: 'secret',
    });
    expect(config.storage.account).toBeUndefined();
    expect(config.storage.containerName).toBe('openvidu-appdata');
    expect(config.recordingsPath).toBe('recordings/');
    expect(config.recordingFilePortionSize).toBe(5_242_880);
    expect(config.playback).toEqual({ mode: 'proxy', urlTtlMs: 600_000 });
    expect(config.recordingsSweepIntervalMs).toBe(120_000);
    expect(config.tokenTtl).toBe('6h');
    expect(config.ffmpeg).toEqual({ path: 'ffmpeg', searchPath: undefined });
  });

  it('looks ffmpeg up on PATH unless FFMPEG_PATH names one', () => {
    expect(AppConfig.fromEnvironment({ PATH: '/usr/bin:/bin' }).ffmpeg).toEqual({ path: 'ffmpeg', searchPath: '/usr/bin:/bin' });
    expect(AppConfig.fromEnvironment({ FFMPEG_PATH: '/opt/ffmpeg/bin/ffmpeg' }).ffmpeg.path).toBe('/opt/ffmpeg/bin/ffmpeg');
  });

  it.each([
    ['https://lk.example.com', 'wss://lk.example.com'],
    ['http://lk:7880', 'ws://lk:7880'],
    ['wss://lk.example.com', 'wss://lk.example.com'],
  ])('derives the browser URL from LIVEKIT_URL %s', (url, publicUrl) => {
    expect(AppConfig.fromEnvironment({ LIVEKIT_URL: url }).livekit.publicUrl).toBe(publicUrl);
  });

  it('uses the Azure endpoint of the account unless AZURE_ENDPOINT is set', () => {
    const key = Buffer.from('k').toString('base64');
    expect(AppConfig.fromEnvironment({ AZURE_ACCOUNT_NAME: 'acct', AZURE_ACCOUNT_KEY: key }).storage.account).toEqual({
      accountName: 'acct',
      accountKey: key,
      endpoint: 'https://acct.blob.core.windows.net',
    });
    expect(
      AppConfig.fromEnvironment({ AZURE_ACCOUNT_NAME: 'acct', AZURE_ACCOUNT_KEY: key, AZURE_ENDPOINT: 'http://127.0.0.1:10000/acct/' })
        .storage.account?.endpoint,
    ).toBe('http://127.0.0.1:10000/acct');
  });

  it('gives a recording 60 s to start unless RECORDING_START_TIMEOUT says otherwise', () => {
    expect(AppConfig.fromEnvironment({}).recordingStartTimeoutMs).toBe(60_000);
    expect(AppConfig.fromEnvironment({ RECORDING_START_TIMEOUT: '2m' }).recordingStartTimeoutMs).toBe(120_000);
    expect(AppConfig.fromEnvironment({ RECORDING_START_TIMEOUT: '45' }).recordingStartTimeoutMs).toBe(45_000);
  });

  it.each(['soon', '0s', '2h', '-5s'])('refuses RECORDING_START_TIMEOUT %j, saying what it takes', (value) => {
    expect(() => validateEnvironment({ RECORDING_START_TIMEOUT: value })).toThrow(
      /RECORDING_START_TIMEOUT must be a duration from 1s to 1h/,
    );
  });

  it('reads TOKEN_TTL as seconds when it is a bare number', () => {
    expect(AppConfig.fromEnvironment({ TOKEN_TTL: '3600' }).tokenTtl).toBe(3600);
  });

  it('reads the access settings: room mode, limit 120, CORS closed, no proxy trusted, session keys from the LiveKit secret', () => {
    const config = AppConfig.fromEnvironment({ LIVEKIT_API_SECRET: 'livekit-secret-0123456789' });
    expect(config.access).toEqual({
      mode: 'room',
      operatorSecret: undefined,
      sessionSecret: 'livekit-secret-0123456789',
      sessionSecretDerived: true,
      rateLimit: 120,
      corsOrigins: [],
      trustProxy: false,
    });
    expect(config.tokenTtlSeconds).toBe(6 * 3600);
  });

  it('reads every access variable when set', () => {
    const config = AppConfig.fromEnvironment({
      AUTH_MODE: 'open',
      OPERATOR_SECRET: 'operator-secret-16+',
      SESSION_SECRET: 'session-secret-0123456789-0123456789',
      RATE_LIMIT: '0',
      CORS_ORIGINS: 'https://a.example.com, http://localhost:4200',
      TRUST_PROXY: 'loopback, 10.0.0.0/8',
      TOKEN_TTL: '90m',
    });
    expect(config.access).toEqual({
      mode: 'open',
      operatorSecret: 'operator-secret-16+',
      sessionSecret: 'session-secret-0123456789-0123456789',
      sessionSecretDerived: false,
      rateLimit: 0,
      corsOrigins: ['https://a.example.com', 'http://localhost:4200'],
      trustProxy: ['loopback', '10.0.0.0/8'],
    });
    expect(config.tokenTtlSeconds).toBe(5400);
    expect(AppConfig.fromEnvironment({ TRUST_PROXY: '2' }).access.trustProxy).toBe(2);
  });

  it.each([
    ['AUTH_MODE', 'closed'],
    ['OPERATOR_SECRET', 'short'],
    ['SESSION_SECRET', 'short'],
    ['SESSION_SECRET', 'x'.repeat(31)],
    ['RATE_LIMIT', '-1'],
    ['RATE_LIMIT', 'many'],
    ['CORS_ORIGINS', '*'],
    ['CORS_ORIGINS', 'https://a.example.com/path'],
    ['TRUST_PROXY', 'every proxy!'],
  ])('refuses %s=%j', (name, value) => {
    expect(() => validateEnvironment({ [name]: value })).toThrow(new RegExp(name));
  });

  it('treats empty variables as unset', () => {
    expect(AppConfig.fromEnvironment({ SERVER_PORT: '', AZURE_ACCOUNT_NAME: '' }).serverPort).toBe(6080);
  });
});

describe('validateEnvironment', () => {
  it('names every bad variable in one message', () => {
    const attempt = () =>
      validateEnvironment({
        SERVER_PORT: 'eighty',
        LIVEKIT_URL: 'localhost:7880',
        AZURE_CONTAINER_NAME: 'Bad_Name',
        RECORDINGS_PATH: '../up/',
        RECORDING_FILE_PORTION_SIZE: '-5',
        TOKEN_TTL: 'forever',
        RECORDINGS_PLAYBACK: 'cdn',
        PLAYBACK_URL_TTL: '30s',
        RECORDINGS_SWEEP_INTERVAL: 'often',
      });
    expect(attempt).toThrow(InvalidConfigurationError);
    const message = (() => {
      try {
        attempt();
      } catch (error) {
        return (error as Error).message;
      }
      return '';
    })();
    for (const name of [
      'SERVER_PORT',
      'LIVEKIT_URL',
      'AZURE_CONTAINER_NAME',
      'RECORDINGS_PATH',
      'RECORDING_FILE_PORTION_SIZE',
      'TOKEN_TTL',
      'RECORDINGS_PLAYBACK',
      'PLAYBACK_URL_TTL',
      'RECORDINGS_SWEEP_INTERVAL',
    ]) {
      expect(message).toContain(name);
    }
  });

  it('requires the account name and key together', () => {
    expect(() => validateEnvironment({ AZURE_ACCOUNT_NAME: 'acct' })).toThrow(
      /AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY must be set together/,
    );
  });

  it('never echoes a secret value in its message', () => {
    const secret = 'not base64 at all !!! super-secret';
    try {
      validateEnvironment({ AZURE_ACCOUNT_NAME: 'acct', AZURE_ACCOUNT_KEY: secret });
      throw new Error('expected a failure');
    } catch (error) {
      expect((error as Error).message).toContain('AZURE_ACCOUNT_KEY');
      expect((error as Error).message).not.toContain('super-secret');
    }
  });

  it.each(['recordings/', 'a/b/', ''])('accepts RECORDINGS_PATH %j', (path) => {
    expect(validateEnvironment({ RECORDINGS_PATH: path }).RECORDINGS_PATH).toBe(path === '' ? 'recordings/' : path);
  });

  it.each(['recordings', '/abs/', 'a//b/', './x/'])('refuses RECORDINGS_PATH %j', (path) => {
    expect(() => validateEnvironment({ RECORDINGS_PATH: path })).toThrow(/RECORDINGS_PATH/);
  });

  describe('in production', () => {
    const key = Buffer.from('k').toString('base64');
    const STRONG_SECRET = 'a'.repeat(32);
    /** A production environment that starts: a storage account and a real LiveKit secret. */
    const production = { NODE_ENV: 'production', AZURE_ACCOUNT_NAME: 'acct', AZURE_ACCOUNT_KEY: key, LIVEKIT_API_SECRET: STRONG_SECRET };

    function messageOf(env: Record<string, string>): string {
      try {
        validateEnvironment(env);
      } catch (error) {
        expect(error).toBeInstanceOf(InvalidConfigurationError);
        return (error as Error).message;
      }
      throw new Error('expected the configuration to be refused');
    }

    it('refuses to start without a storage account, saying how to set one or opt in to the embedded Azurite', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production', LIVEKIT_API_SECRET: STRONG_SECRET })).toThrow(
        /NODE_ENV is production: set AZURE_ACCOUNT_NAME and AZURE_ACCOUNT_KEY .* or set ALLOW_EMBEDDED_STORAGE=true/,
      );
    });

    it('starts with a storage account and a LiveKit secret of 32 characters', () => {
      expect(validateEnvironment(production).AZURE_ACCOUNT_NAME).toBe('acct');
    });

    it.each(['true', '1', 'TRUE'])('starts with the embedded Azurite when ALLOW_EMBEDDED_STORAGE=%s', (value) => {
      expect(
        validateEnvironment({ NODE_ENV: 'production', LIVEKIT_API_SECRET: STRONG_SECRET, ALLOW_EMBEDDED_STORAGE: value })
          .ALLOW_EMBEDDED_STORAGE,
      ).toBe(true);
    });

    it('still refuses with ALLOW_EMBEDDED_STORAGE=false', () => {
      expect(() => validateEnvironment({ NODE_ENV: 'production', ALLOW_EMBEDDED_STORAGE: 'false' })).toThrow(/ALLOW_EMBEDDED_STORAGE=true/);
    });

    it.each([
      ['unset (the development default)', {}],
      ['"secret"', { LIVEKIT_API_SECRET: 'secret' }],
      ['31 characters', { LIVEKIT_API_SECRET: 'b'.repeat(31) }],
    ])('refuses a LiveKit secret that is %s, saying how to make one, without echoing it', (_what, secret: Record<string, string>) => {
      const message = messageOf({ ...production, LIVEKIT_API_SECRET: '', ...secret });
      expect(message).toMatch(
        /^Invalid configuration: LIVEKIT_API_SECRET is the development default or shorter than 32 characters and NODE_ENV is production: .*openssl rand -hex 32.*\.$/,
      );
      expect(message).not.toContain('b'.repeat(31));
    });

    it('refuses a SESSION_SECRET shorter than 32 characters', () => {
      expect(messageOf({ ...production, SESSION_SECRET: 'c'.repeat(31) })).toBe(
        'Invalid configuration: SESSION_SECRET must be at least 32 characters.',
      );
      expect(validateEnvironment({ ...production, SESSION_SECRET: 'c'.repeat(32) }).SESSION_SECRET).toBe('c'.repeat(32));
    });

    it('names every weak secret and the missing storage account in one message', () => {
      const message = messageOf({ NODE_ENV: 'production', LIVEKIT_API_SECRET: 'secret', SESSION_SECRET: 'short-session-secret' });
      expect(message.match(/Invalid configuration/g)).toHaveLength(1);
      for (const part of ['SESSION_SECRET must be at least 32', 'no storage account', 'LIVEKIT_API_SECRET is the development default'])
        expect(message).toContain(part);
      expect(message).not.toContain('short-session-secret');
    });

    it('names a malformed ALLOW_EMBEDDED_STORAGE', () => {
      expect(() => validateEnvironment({ ALLOW_EMBEDDED_STORAGE: 'maybe' })).toThrow(/ALLOW_EMBEDDED_STORAGE must be true or false/);
    });
  });

  it('embeds Azurite and keeps the development LiveKit secret outside production', () => {
    const variables = validateEnvironment({ NODE_ENV: 'development' });
    expect(variables.AZURE_ACCOUNT_NAME).toBeUndefined();
    expect(variables.LIVEKIT_API_SECRET).toBe('secret');
  });
});
