#!/usr/bin/env bash
# npm run emulator: start the LiveKit emulator (test/demo support, NOT a LiveKit server: no WebRTC) on
# http://127.0.0.1:${EMULATOR_PORT:-7880} with keys devkey/secret, webhooks to ${EMULATOR_WEBHOOK_URL:-http://localhost:6080/livekit/webhook}
# and egress uploads to Azurite at ${EMULATOR_BLOB_ENDPOINT:-http://127.0.0.1:10000/devstoreaccount1}.
# See libs/testing/livekit-emulator/README.md.
source "$(dirname "$0")/bootstrap.sh"

if ! command -v "${FFMPEG_PATH:-ffmpeg}" >/dev/null 2>&1; then
  echo "The LiveKit emulator needs ffmpeg to write real MP4 recordings. Install it with:" >&2
  echo "  sudo apt-get install -y --no-install-recommends ffmpeg" >&2
  exit 1
fi

npx nx run livekit-emulator:bundle-cli --outputStyle=static >/dev/null
exec node dist/libs/testing/livekit-emulator/cli.js "$@"
