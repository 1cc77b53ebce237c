#!/usr/bin/env bash
# npm run bench: build the production API, SPA and the benchmarks, then measure streaming, seeking, listing,
# start/stop against a real stack on 127.0.0.1 (Azurite and the API as child processes), and the embedded
# recorder against the real livekit-server with browser participants. Prints tables, writes
# dist/bench/results.json, and exits non-zero when a goal is missed. BENCH_ONLY=storage|recorder runs one part.
# See tools/bench/README.md.
source "$(dirname "$0")/bootstrap.sh"
source "$(dirname "$0")/livekit-server.sh"

echo "› Building the API and the SPA (production) and the benchmarks…"
npx nx run-many -t build --projects=api,web --configuration=production --outputStyle=static >/dev/null
npx nx run bench:bundle --outputStyle=static >/dev/null
# The recorder part records rooms of the real livekit-server (built once with Go when missing).
if [ "${BENCH_ONLY:-recorder}" != storage ]; then ensure_livekit_server; fi

# Storage is read over TLS, as production reads Azure: a throw-away self-signed certificate for 127.0.0.1 that
# Azurite serves and that every process talking to it trusts through NODE_EXTRA_CA_CERTS (checks stay on).
# BENCH_STORAGE=http measures plain HTTP instead.
tls=""
if [ "${BENCH_STORAGE:-https}" != "http" ]; then
  tls="$(mktemp -d)"
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=127.0.0.1 \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$tls/key.pem" -out "$tls/cert.pem" 2>/dev/null
  export BENCH_TLS_CERT="$tls/cert.pem" BENCH_TLS_KEY="$tls/key.pem" NODE_EXTRA_CA_CERTS="$tls/cert.pem"
fi

# The run gets a process group of its own: on Ctrl+C it is asked to stop its children, and whatever it
# leaves behind, even when it is killed itself, is killed by that group's id when this script ends.
setsid node dist/tools/bench/main.js "$@" &
bench=$!
trap 'kill -TERM -- "-$bench" 2>/dev/null || true; wait "$bench" || true' INT TERM HUP
trap 'kill -KILL -- "-$bench" 2>/dev/null || true; [ -z "$tls" ] || rm -rf "$tls"' EXIT
status=0
wait "$bench" || status=$?
exit "$status"
