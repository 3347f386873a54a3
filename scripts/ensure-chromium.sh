#!/usr/bin/env bash
# Find a Chromium for PDF printing; install Debian's headless shell when running as root and
# none is found. Search order (as peakreport itself): $PEAKREPORT_CHROMIUM, then
# chromium-headless-shell, chrome-headless-shell, chromium, chromium-browser, google-chrome on
# PATH. The headless shell is preferred: same pages, a quarter of the full browser's start-up.
set -euo pipefail
if [[ -n "${PEAKREPORT_CHROMIUM:-}" && -x "${PEAKREPORT_CHROMIUM}" ]]; then exit 0; fi
for b in chromium-headless-shell chrome-headless-shell chromium chromium-browser google-chrome; do
  if command -v "$b" >/dev/null 2>&1; then exit 0; fi
done
if [[ "$(id -u)" == "0" ]] && command -v apt-get >/dev/null 2>&1; then
  echo "peakreport: no Chromium found; installing Debian's chromium-headless-shell (apt-get)…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends chromium-headless-shell fonts-dejavu-core \
    >/dev/null
  exit 0
fi
echo "peakreport: no Chromium found. PDF export needs one: install Debian's" \
     "'chromium-headless-shell' or 'chromium' package (sudo apt-get install" \
     "chromium-headless-shell) or set PEAKREPORT_CHROMIUM to a Chrome binary." >&2
exit 0
