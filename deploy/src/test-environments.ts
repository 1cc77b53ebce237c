/** The smallest .env Compose starts with: the LiveKit secret it requires (a fake of 32+ characters). */
export const REQUIRED_ONLY: Readonly<Record<string, string>> = {
  LIVEKIT_API_SECRET: 'f0e1d2c3b4a5968778695a4b3c2d1e0f',
};

/**
 * A .env that sets every variable docker-compose.yml reads, each to a non-default value (a spec checks that
 * none is missing). If the configs still agree with it, every setting comes from one variable, not a copy.
 * The values are fakes: no real account or key.
 */
export const EVERY_VARIABLE_SET: Readonly<Record<string, string>> = {
  LIVEKIT_API_KEY: 'APIx7Kq2Lm9Rt4',
  LIVEKIT_API_SECRET: 'n0tAr3alS3cretButL0ngEnoughForLiveKit32',
  AZURE_ACCOUNT_NAME: 'recordingsexample01',
  AZURE_ACCOUNT_KEY: 'ZmFrZS1rZXktZm9yLXRlc3RzLW9ubHk=',
  AZURE_ENDPOINT: 'https://recordingsexample01.blob.core.windows.net',
  AZURE_CONTAINER_NAME: 'team-recordings',
  LIVEKIT_PUBLIC_URL: 'wss://livekit.example.com',
  LIVEKIT_NODE_IP: '192.0.2.10',
  LIVEKIT_BIND_ADDRESS: '0.0.0.0',
  LIVEKIT_WEBHOOK_URL: 'http://host.docker.internal:6080/livekit/webhook',
  APP_PORT: '8080',
  RECORDINGS_PATH: 'calls/',
  RECORDING_FILE_PORTION_SIZE: '1048576',
  TOKEN_TTL: '2h',
  AUTH_MODE: 'open',
  OPERATOR_SECRET: 'operator-secret-for-tests-only',
  SESSION_SECRET: 'session-secret-for-tests-only-0123456789',
  RATE_LIMIT: '30',
  CORS_ORIGINS: 'https://app.example.com',
  TRUST_PROXY: '1',
  LOG_FORMAT: 'text',
  LOG_LEVEL: 'debug',
  RECORDINGS_SWEEP_INTERVAL: '5m',
  RECORDINGS_PLAYBACK: 'direct',
  PLAYBACK_URL_TTL: '15m',
  LIVEKIT_VERSION: 'v1.9.0',
  EGRESS_VERSION: 'v1.9.0',
  EGRESS_ROOM_COMPOSITE_CPU_COST: '2',
  RECORDER: 'egress',
  RECORDING_TEMPLATE_URL: 'http://app:6080/recording-template',
  // A real Azure account: Egress may upload itself.
  EGRESS_OUTPUT: 'azure',
};
