import { accessSync, constants, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where scripts/livekit-server.sh keeps the pinned livekit-server it builds (`--print-path` prints the same):
 * `$RECORDING_CACHE_DIR`, else `$XDG_CACHE_HOME/recording-app`, else `~/.cache/recording-app`, then
 * `livekit-server-<version>/livekit-server`, the version pinned in the root package.json ("livekitServer").
 */
export function defaultLiveKitServerPath(env: NodeJS.ProcessEnv = process.env): string {
  const pin = JSON.parse(readFileSync(join(__dirname, '..', '..', '..', '..', 'package.json'), 'utf8')) as {
    livekitServer: { version: string };
  };
  const cache = env['RECORDING_CACHE_DIR'] || join(env['XDG_CACHE_HOME'] || join(homedir(), '.cache'), 'recording-app');
  return join(cache, `livekit-server-${pin.livekitServer.version}`, 'livekit-server');
}

/** The livekit-server the tests run: LIVEKIT_SERVER_BIN (exported by the npm scripts), else the default path. */
export function installedLiveKitServer(env: NodeJS.ProcessEnv = process.env): string {
  const binary = env['LIVEKIT_SERVER_BIN'] || defaultLiveKitServerPath(env);
  try {
    accessSync(binary, constants.X_OK);
  } catch {
    throw new Error(`No livekit-server at ${binary}: run npm test once (it builds it with Go), or bash scripts/livekit-server.sh`);
  }
  return binary;
}
