# Sourced by the npm scripts: makes the real LiveKit server (livekit-server, pure Go) available as
# $LIVEKIT_SERVER_BIN, building the version pinned in package.json ("livekitServer") with `go install` when
# it is missing. The binary is cached outside the work tree, so fresh clones (CI) and later runs reuse it.
# Nothing here downloads anything but Go modules from the Go module proxy.
#
#   ensure_livekit_server            build when missing; stop with the exact install command when Go is missing
#   ensure_livekit_server --optional use it when present or buildable; otherwise say so and carry on
#   bash scripts/livekit-server.sh               builds it when missing and prints its path
#   bash scripts/livekit-server.sh --print-path  only prints where it lives (used by the tests)

LIVEKIT_SERVER_MIN_GO="1.26"

livekit_server_pin() {
  node -p "const p = require('./package.json').livekitServer; p.$1" 2>/dev/null
}

livekit_server_path() {
  local version cache
  version="$(livekit_server_pin version)"
  cache="${RECORDING_CACHE_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/recording-app}"
  echo "$cache/livekit-server-$version/livekit-server"
}

# True when $1 is a livekit-server that reports exactly the pinned version.
livekit_server_is_pinned() {
  local version
  version="$(livekit_server_pin version)"
  [ -x "$1" ] && [ "$("$1" --version 2>/dev/null)" = "livekit-server version ${version#v}" ]
}

go_is_recent_enough() {
  # The official tarball's place, in case a non-login shell's PATH lacks it.
  command -v go >/dev/null 2>&1 || { [ -x /usr/local/go/bin/go ] && export PATH="/usr/local/go/bin:$PATH"; }
  command -v go >/dev/null 2>&1 || return 1
  local have
  have="$(go env GOVERSION 2>/dev/null | sed 's/^go//')"
  [ -n "$have" ] && [ "$(printf '%s\n%s\n' "$LIVEKIT_SERVER_MIN_GO" "$have" | sort -V | head -n 1)" = "$LIVEKIT_SERVER_MIN_GO" ]
}

go_install_hint() {
  cat >&2 <<EOF
The tests run the real LiveKit server, built once from source with Go $LIVEKIT_SERVER_MIN_GO or newer
(found: $(go version 2>/dev/null || echo 'no go on PATH')). Install Go from https://go.dev/dl/, for example:
  curl -fsSLO https://go.dev/dl/go1.26.8.linux-amd64.tar.gz && sudo rm -rf /usr/local/go \\
    && sudo tar -C /usr/local -xzf go1.26.8.linux-amd64.tar.gz && export PATH="/usr/local/go/bin:\$PATH"
then run the command again (Debian's golang package is too old).
EOF
}

build_livekit_server() {
  local target="$1" module version work
  module="$(livekit_server_pin module)"
  version="$(livekit_server_pin version)"
  work="$(mktemp -d)"
  echo "› Building livekit-server $version with go install (once; about 1-2 min of module downloads and 4-8 min of compiling on 2 cores)…"
  # Pure Go, as upstream builds it; GOFLAGS from the environment could pull in vendoring or other modes.
  if ! (cd "$work" && CGO_ENABLED=0 GOFLAGS=-mod=mod GOBIN="$work" go install "$module/cmd/server@$version"); then
    rm -rf "$work"
    echo "Building livekit-server failed (see the go output above; a module the Go proxy refused is named there)." >&2
    return 1
  fi
  mkdir -p "$(dirname "$target")"
  mv "$work/server" "$target.partial" && mv "$target.partial" "$target"
  rm -rf "$work"
  livekit_server_is_pinned "$target" || { echo "The built $target does not report version $version." >&2; return 1; }
}

ensure_livekit_server() {
  local optional="${1:-}" target
  target="$(livekit_server_path)"
  if ! livekit_server_is_pinned "$target"; then
    if ! go_is_recent_enough; then
      if [ "$optional" = --optional ]; then
        echo "› No LiveKit server installed and no Go $LIVEKIT_SERVER_MIN_GO+ to build one: calls need a LiveKit server at LIVEKIT_URL (see README)."
        return 0
      fi
      go_install_hint
      exit 1
    fi
    # One build at a time per cache, whichever clone asks first (CI and a work tree may run together).
    mkdir -p "$(dirname "$target")"
    (
      flock 9
      livekit_server_is_pinned "$target" || build_livekit_server "$target"
    ) 9>"$(dirname "$target")/.build.lock" || exit 1
  fi
  export LIVEKIT_SERVER_BIN="$target"
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  cd "$(dirname "$0")/.."
  if [ "${1:-}" = --print-path ]; then
    livekit_server_path
  else
    ensure_livekit_server && echo "$LIVEKIT_SERVER_BIN"
  fi
fi
