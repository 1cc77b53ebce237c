#!/usr/bin/env bash
# npm test: install what is missing, then run every test: unit, API integration (Azurite + LiveKit emulator),
# and browser end-to-end (Playwright driving Debian's Chromium).
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/system-packages.sh"
ensure_system_packages

npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static
npx nx run-many -t typecheck test --outputStyle=static --parallel=1
npx nx run web-e2e:e2e --outputStyle=static
