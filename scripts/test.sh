#!/usr/bin/env bash
# npm test: install what is missing, then run every test after the format and lint gates: unit, API integration
# (Azurite + the real LiveKit server + the LiveKit emulator as Egress), schemathesis against the OpenAPI document, and
# browser end-to-end (Playwright driving Debian's Chromium).
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/system-packages.sh"
source "$(dirname "$0")/livekit-server.sh"
ensure_system_packages chromium ffmpeg
# The real LiveKit server of the test stack: built once with Go (minutes), then reused from its cache.
ensure_livekit_server

npx prettier --check . --log-level=warn
# ESLint (module boundaries on project tags, SDKs only in their adapters, import order) and dpdm (no import cycle).
npx nx run-many -t lint --outputStyle=static

# Builds may come from the Nx cache; tests always run (they talk to Azurite, ffmpeg and Chromium).
npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static
npx nx run-many -t typecheck --outputStyle=static
npx nx run-many -t test --outputStyle=static --parallel=1 --skip-nx-cache
# The OpenAPI document against the built server: schemathesis, open mode and room mode (about a minute).
bash scripts/schemathesis.sh
npx nx run web-e2e:e2e --outputStyle=static --skip-nx-cache
