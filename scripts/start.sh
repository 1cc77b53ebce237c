#!/usr/bin/env bash
# npm start: install what is missing, build the API and the SPA, serve both on http://localhost:${SERVER_PORT:-6080}.
# With no AZURE_ACCOUNT_NAME configured the API starts an embedded Azurite (data in .data/azurite).
source "$(dirname "$0")/bootstrap.sh"

echo "› Building the API and the web app…"
npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static
echo "› Starting the server (Ctrl+C to stop)…"
exec node dist/apps/api/main.js
