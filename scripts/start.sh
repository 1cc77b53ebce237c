#!/usr/bin/env bash
# npm start: install what is missing, build the API and the SPA, serve both on http://localhost:${SERVER_PORT:-6080}.
# With no AZURE_ACCOUNT_NAME configured the API starts an embedded Azurite (data in .data/azurite). With no LiveKit
# answering at LIVEKIT_URL on this machine (default http://localhost:7880) it starts the real livekit-server that
# the scripts build with Go (once, a few minutes), so calls work without Docker; that server has no Egress, so the
# embedded recorder records (RECORDER=auto): it needs Debian's chromium and ffmpeg, as posters need ffmpeg. They are
# installed when run as root, otherwise the exact command is printed and the app serves without them.
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/system-packages.sh"
source "$(dirname "$0")/livekit-server.sh"

# The embedded recorder needs Chromium and ffmpeg, posters need ffmpeg (Debian's packages, or what CHROMIUM_PATH and
# FFMPEG_PATH name); the app serves without them, and says what to install where they are needed.
wanted=()
[ -n "${CHROMIUM_PATH:-}" ] || wanted+=(chromium)
[ -n "${FFMPEG_PATH:-}" ] || wanted+=(ffmpeg)
[ ${#wanted[@]} -eq 0 ] || ensure_system_packages --optional "${wanted[@]}"

# LIVEKIT_URL from the environment or .env: a LiveKit elsewhere needs no local server.
configured_livekit_url="${LIVEKIT_URL:-}"
if [ -z "$configured_livekit_url" ] && [ -f .env ]; then
  configured_livekit_url="$(sed -n 's/^[[:space:]]*LIVEKIT_URL[[:space:]]*=[[:space:]]*//p' .env | tail -n 1)"
fi
case "$configured_livekit_url" in
  "" | *://localhost:* | *://127.0.0.1:* | *://localhost | *://127.0.0.1) ensure_livekit_server --optional ;;
esac

echo "› Building the API and the web app…"
npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static
echo "› Starting the server (Ctrl+C to stop)…"
exec node dist/apps/api/main.js
