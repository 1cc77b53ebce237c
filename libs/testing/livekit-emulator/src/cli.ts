/**
 * `npm run emulator`: the LiveKit emulator as a standalone process for demos and browser end-to-end tests.
 * Test/demo support only — it is not a LiveKit server and never the production path.
 */
import { AZURITE_ACCOUNT_KEY, AZURITE_ACCOUNT_NAME } from '@recording/embedded-azurite';

import { NOT_A_LIVEKIT_SERVER } from './lib/control-api';
import { LiveKitEmulator } from './lib/livekit-emulator';

function env(name: string, fallback: string): string {
  const value = process.env[name];
  return value === undefined || value === '' ? fallback : value;
}

function intEnv(name: string, fallback: number): number {
  const raw = env(name, String(fallback));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got "${raw}"`);
  return value;
}

async function main(): Promise<void> {
  const port = intEnv('EMULATOR_PORT', 7880);
  const host = env('EMULATOR_HOST', '127.0.0.1');
  const apiKey = env('LIVEKIT_API_KEY', 'devkey');
  const apiSecret = env('LIVEKIT_API_SECRET', 'secret');
  // EMULATOR_WEBHOOK_URL may list several URLs separated by commas; "none" disables webhooks.
  const webhookSetting = env('EMULATOR_WEBHOOK_URL', 'http://localhost:6080/livekit/webhook');
  const webhookUrls =
    webhookSetting === 'none'
      ? []
      : webhookSetting
          .split(',')
          .map((u) => u.trim())
          .filter(Boolean);
  const blobEndpoint = env('EMULATOR_BLOB_ENDPOINT', `http://127.0.0.1:10000/${AZURITE_ACCOUNT_NAME}`);
  const accountName = env('EMULATOR_ACCOUNT_NAME', AZURITE_ACCOUNT_NAME);
  const accountKey = env('EMULATOR_ACCOUNT_KEY', AZURITE_ACCOUNT_KEY);

  const emulator = await LiveKitEmulator.start({
    host,
    port,
    keys: { [apiKey]: apiSecret },
    webhook: { urls: webhookUrls },
    storage: { blobEndpoint, accountName, accountKey },
    timing: { activeAfterMs: intEnv('EMULATOR_ACTIVE_AFTER_MS', 1000), endingAfterMs: intEnv('EMULATOR_ENDING_AFTER_MS', 1000) },
    recordingSeconds: intEnv('EMULATOR_RECORDING_SECONDS', 4) || 4,
  });

  const lines = [
    '',
    NOT_A_LIVEKIT_SERVER,
    '',
    `  LiveKit server API (Twirp)  ${emulator.url}   (set LIVEKIT_URL to this)`,
    `  API key                     ${apiKey}   (secret: LIVEKIT_API_SECRET, or the livekit-server --dev default)`,
    `  Webhooks                    ${webhookUrls.length ? webhookUrls.join(', ') : 'disabled'}`,
    `  Egress uploads to           ${blobEndpoint}   (account ${accountName})`,
    `  Control API                 ${emulator.url}/emulator   (e.g. POST /emulator/rooms {"name":"demo"})`,
    '',
    'Rooms only exist once created through the control API or CreateRoom; add participants with',
    `  curl -X POST ${emulator.url}/emulator/rooms/demo/participants -H 'Content-Type: application/json' -d '{"identity":"alice"}'`,
    'Ctrl+C stops it.',
    '',
  ];
  console.log(lines.join('\n'));

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping the LiveKit emulator…`);
    emulator.stop().then(
      () => process.exit(0),
      (e: Error) => {
        console.error(e.message);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((e: Error) => {
  const hint = (e as NodeJS.ErrnoException).code === 'EADDRINUSE' ? ' (is something else on that port? set EMULATOR_PORT)' : '';
  console.error(`livekit-emulator: ${e.message}${hint}`);
  process.exit(1);
});
