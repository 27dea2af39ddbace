#!/usr/bin/env bash
# System packages the tests need, from Debian's packages, installed only when missing:
# Chromium for browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser)
# and a Java runtime for the PySpark backend.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Please install: ${missing[*]} (needs root)" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
