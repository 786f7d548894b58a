#!/usr/bin/env bash
# Install Debian's chromium (and its driver) for the browser tests when missing.
# Nothing is downloaded at test time; this runs once, from `make test`.
set -euo pipefail
if [ -x /usr/bin/chromium ]; then exit 0; fi
if [ "$(id -u)" != "0" ] && ! command -v sudo >/dev/null; then
  echo "ensure_browser: /usr/bin/chromium missing and no root to install it" >&2; exit 1
fi
SUDO=""; [ "$(id -u)" = "0" ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq >/dev/null
$SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
/usr/bin/chromium --version
