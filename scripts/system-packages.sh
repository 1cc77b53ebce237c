# Debian packages from the distribution (security updates from Debian): chromium (the embedded recorder, browser tests)
# and ffmpeg (the embedded recorder, posters, the LiveKit emulator's MP4s). Never a browser or media binary downloaded
# from elsewhere.
#   ensure_system_packages chromium ffmpeg              tests: install what is missing as root, otherwise say how and stop
#   ensure_system_packages --optional chromium ffmpeg   npm start: the same, but carry on without them
ensure_system_packages() {
  local optional=false
  if [ "${1:-}" = --optional ]; then
    optional=true
    shift
  fi
  local missing=() package
  for package in "$@"; do
    case "$package" in
      chromium) command -v chromium >/dev/null 2>&1 || [ -x /usr/bin/chromium ] || missing+=(chromium) ;;
      *) command -v "$package" >/dev/null 2>&1 || missing+=("$package") ;;
    esac
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local cmd="apt-get update && apt-get install -y --no-install-recommends ${missing[*]}"
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "› Installing Debian packages: ${missing[*]}…"
    if (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}") >/dev/null; then
      return 0
    fi
    $optional || exit 1
    echo "Could not install ${missing[*]}; carrying on without (recording and posters answer 503 saying what to install)." >&2
  elif $optional; then
    echo "${missing[*]} not installed: recording and posters answer 503 until it is. Install with:  sudo sh -c '$cmd'" >&2
  else
    echo "The tests need ${missing[*]}. Install them with:  sudo sh -c '$cmd'" >&2
    exit 1
  fi
}
