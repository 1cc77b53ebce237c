#!/usr/bin/env bash
# Schemathesis against the built API (npm test runs it after the jest suites; `bash scripts/schemathesis.sh` alone
# after `npx nx run-many -t build --projects=api,web --configuration=production`): the OpenAPI document at
# /api/docs-json must say what the server does, so every generated request's answer has to match it (status,
# media type, schema, headers), and every method a path does not serve must answer 405 with Allow.
#
# The server is `node dist/apps/api/main.js` as `npm start` runs it: an embedded Azurite in a temporary folder and the
# real livekit-server (started by the API on a free port, no Egress), once in AUTH_MODE=open and once in room mode
# with an operator token. Schemathesis comes from PyPI into a venv in the scripts' cache, reused from then on.
set -euo pipefail

SCHEMATHESIS_VERSION="4.32.5"
# Fixed, so a failure can be replayed; the number of cases per operation and phase keeps the run to a minute or two.
SCHEMATHESIS_SEED="${SCHEMATHESIS_SEED:-20261206}"
SCHEMATHESIS_MAX_EXAMPLES="${SCHEMATHESIS_MAX_EXAMPLES:-15}"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=livekit-server.sh
source "$ROOT/scripts/livekit-server.sh"

schemathesis_venv() {
  echo "${RECORDING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/recording-app}/schemathesis-$SCHEMATHESIS_VERSION"
}

# A venv with schemathesis from PyPI, made once per cache (one install at a time) and reused.
ensure_schemathesis() {
  local venv
  venv="$(schemathesis_venv)"
  export SCHEMATHESIS_BIN="$venv/bin/st"
  schemathesis_is_pinned && return 0
  python3 -c 'import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 10))' 2>/dev/null || {
    echo "Schemathesis needs Python 3.10 or newer with venv. Install it with:" >&2
    echo "  sudo sh -c 'apt-get update && apt-get install -y --no-install-recommends python3-venv'" >&2
    exit 1
  }
  mkdir -p "$(dirname "$venv")"
  (
    flock 9
    schemathesis_is_pinned && exit 0
    echo "› Installing schemathesis $SCHEMATHESIS_VERSION from PyPI into $venv (once, about 20 s)…"
    rm -rf "$venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  ) 9>"$(dirname "$venv")/.schemathesis.lock" || exit 1
  schemathesis_is_pinned || { echo "$SCHEMATHESIS_BIN does not report version $SCHEMATHESIS_VERSION." >&2; exit 1; }
}

schemathesis_is_pinned() {
  [ -x "$SCHEMATHESIS_BIN" ] && [ "$("$SCHEMATHESIS_BIN" --version 2>/dev/null)" = "st, version $SCHEMATHESIS_VERSION" ]
}

# A free TCP port P for the API, and Q with Q, Q+1 (TCP) and Q+2 (UDP) free for livekit-server, as "P Q".
free_ports() {
  node - <<'EOF'
const net = require('node:net');
const dgram = require('node:dgram');
const tcp = (port) => new Promise((resolve) => {
  const server = net.createServer().once('error', () => resolve(undefined));
  server.listen(port, '127.0.0.1', () => { const { port: bound } = server.address(); server.close(() => resolve(bound)); });
});
const udp = (port) => new Promise((resolve) => {
  const socket = dgram.createSocket('udp4').once('error', () => resolve(false));
  socket.bind(port, '127.0.0.1', () => socket.close(() => resolve(true)));
});
(async () => {
  const api = await tcp(0);
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = 20000 + Math.floor(Math.random() * 40000);
    if (port === api || port + 1 === api) continue;
    if ((await tcp(port)) && (await tcp(port + 1)) && (await udp(port + 2))) return console.log(`${api} ${port}`);
  }
  process.exit(1);
})();
EOF
}

SERVER_PID=""
WORK_DIR=""

# The API runs in a process group of its own (its Azurite and livekit-server with it): stopping the group leaves nothing.
stop_server() {
  if [ -n "$SERVER_PID" ]; then
    # The API stops its Azurite and livekit-server on SIGTERM; give it the time to, then make sure of the whole group.
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
    kill -KILL -- "-$SERVER_PID" 2>/dev/null || true
    wait "$SERVER_PID" 2>/dev/null || true
  fi
  SERVER_PID=""
}

cleanup() {
  stop_server
  [ -n "$WORK_DIR" ] && rm -rf "$WORK_DIR"
}

# Starts the built API with the given extra environment (NAME=value …) and waits until it is ready; sets API_URL.
start_server() {
  local ports api_port livekit_port
  ports="$(free_ports)"
  api_port="${ports% *}"
  livekit_port="${ports#* }"
  API_URL="http://127.0.0.1:$api_port"
  mkdir -p "$WORK_DIR/azurite"
  # Only what this run sets (PATH for node and ffmpeg): the API reads a .env from its working folder, so it runs in
  # the temporary one, where node_modules leads to the embedded Azurite's package. RATE_LIMIT=0: the limit's 429s are
  # documented, but they would stop most cases of a run of many requests a minute from reaching the handlers.
  ln -sfn "$ROOT/node_modules" "$WORK_DIR/node_modules"
  set -m # the background job below gets a process group of its own, whose id is its pid
  (
    cd "$WORK_DIR"
    exec env -i PATH="$PATH" HOME="$HOME" NODE_ENV=development \
      SERVER_PORT="$api_port" \
      LIVEKIT_URL="http://127.0.0.1:$livekit_port" LIVEKIT_SERVER_BIN="$LIVEKIT_SERVER_BIN" \
      AZURITE_PORT=0 AZURITE_LOCATION="$WORK_DIR/azurite" \
      WEB_ROOT="$ROOT/dist/apps/web/browser" \
      RATE_LIMIT=0 LOG_LEVEL=warn LOG_FORMAT=json \
      "$@" node "$ROOT/dist/apps/api/main.js"
  ) >>"$WORK_DIR/server.log" 2>&1 &
  SERVER_PID=$!
  set +m
  for _ in $(seq 1 600); do
    if ! kill -0 "$SERVER_PID" 2>/dev/null; then
      echo "The API stopped while starting; its log:" >&2
      cat "$WORK_DIR/server.log" >&2
      exit 1
    fi
    curl -fsS -o /dev/null "$API_URL/health/ready" 2>/dev/null && return 0
    sleep 0.1
  done
  echo "The API was not ready after 60 s; its log:" >&2
  cat "$WORK_DIR/server.log" >&2
  exit 1
}

# Exclusions, each by operation and check with its reason; nothing else may fail. Written to the run's config file.
# Both modes: the server has no Egress (LiveKit without Redis and Egress, RECORDER=auto as `npm start` runs it), so a
# start that gets as far as asking for a recording is 503 "Recording needs LiveKit Egress".
EXCLUSIONS_MISSING_EGRESS='
[[operations]]
include-name = "POST /recordings/start"
# 503: no Egress to record with (a LiveKit without Egress); any other 5xx still fails.
checks.not_a_server_error.expected-statuses = ["2xx", "3xx", "4xx", "503"]
'
# AUTH_MODE=open: every recording operation is open on purpose, so answering without a credential is no bug there.
# (An operation's check settings apply only while the command line names no checks: every check is on by default.)
EXCLUSIONS_OPEN_MODE='
[[operations]]
include-path-regex = "^/recordings"
# The credentials these operations declare are not asked for in AUTH_MODE=open.
checks.ignored_auth.enabled = false
'

# Runs schemathesis against the server at $API_URL; $1 names the run, $2 is the TOML it adds to the config.
run_schemathesis() {
  local label="$1" config="$WORK_DIR/schemathesis-$1.toml"
  printf '%s\n' "$2" >"$config"
  echo "› Schemathesis ($label) against $API_URL/api/docs-json"
  (
    cd "$WORK_DIR"
    # The one hook: it drops cases schemathesis builds from its own wrong reading of \p{M} (see the file).
    export SCHEMATHESIS_HOOKS="$ROOT/scripts/schemathesis_hooks.py"
    "$SCHEMATHESIS_BIN" --config-file "$config" --no-color run "$API_URL/api/docs-json" \
      --seed "$SCHEMATHESIS_SEED" \
      --max-examples "$SCHEMATHESIS_MAX_EXAMPLES" \
      --workers 1 \
      --request-timeout 10 \
      --generation-database none
  )
}

# Signs in as operator with the secret $1 and prints the token.
operator_token() {
  curl -fsS -X POST -H 'Content-Type: application/json' --data "{\"secret\":\"$1\"}" "$API_URL/auth/operator" |
    node -e 'let s="";process.stdin.on("data",(d)=>(s+=d)).on("end",()=>console.log(JSON.parse(s).token))'
}

run_schemathesis_suite() {
  cd "$ROOT"
  [ -f dist/apps/api/main.js ] || {
    echo "Build first: npx nx run-many -t build --projects=api,web --configuration=production" >&2
    exit 1
  }
  ensure_livekit_server
  ensure_schemathesis
  WORK_DIR="$(mktemp -d -t schemathesis-XXXXXX)"
  trap cleanup EXIT
  trap 'exit 130' INT TERM
  local started=$SECONDS failed=0

  start_server AUTH_MODE=open
  run_schemathesis open "$EXCLUSIONS_MISSING_EGRESS$EXCLUSIONS_OPEN_MODE" || failed=1
  stop_server

  # Room mode as deployed, with the operator's token on every operation that declares the bearer scheme (so not on
  # POST /auth/logout, which would end the operator's sessions for the rest of the run).
  local secret
  secret="$(node -e 'console.log(require("node:crypto").randomBytes(24).toString("hex"))')"
  start_server AUTH_MODE=room OPERATOR_SECRET="$secret"
  # Read from the environment by schemathesis, so the token is written nowhere.
  OPERATOR_TOKEN="$(operator_token "$secret")"
  export OPERATOR_TOKEN
  run_schemathesis room "$EXCLUSIONS_MISSING_EGRESS
[auth.openapi.bearer]
bearer = \"\${OPERATOR_TOKEN}\"
" || failed=1
  stop_server

  echo "› Schemathesis took $((SECONDS - started)) s (seed $SCHEMATHESIS_SEED, at most $SCHEMATHESIS_MAX_EXAMPLES cases per operation and phase)"
  if [ "$failed" -ne 0 ]; then
    echo "Schemathesis found answers the OpenAPI document does not describe (above). Fix the document or the server." >&2
    return 1
  fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  run_schemathesis_suite "$@"
fi
