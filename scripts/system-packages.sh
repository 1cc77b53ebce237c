# The Debian packages the tests need: chromium (browser tests) and ffmpeg (the LiveKit emulator makes real MP4s).
ensure_system_packages() {
  local missing=()
  command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium)
  command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
  [ ${#missing[@]} -eq 0 ] && return 0
  local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "› Installing Debian packages: ${missing[*]}…"
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null
  else
    echo "The tests need ${missing[*]}. Install them with:  sudo sh -c '$cmd'" >&2
    exit 1
  fi
}
