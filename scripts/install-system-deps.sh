#!/usr/bin/env bash
# System packages the tests need, from Debian's packages, installed only when missing:
# Chromium for browser tests (Playwright drives /usr/bin/chromium; it never downloads a browser)
# a Java runtime for the PySpark backend, and Pango, HarfBuzz's subsetter and fonts for WeasyPrint (meeting packs).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium fonts-liberation)
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
ldconfig -p | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0 libpangoft2-1.0-0)
ldconfig -p | grep -q 'libharfbuzz-subset.so' || missing+=(libharfbuzz-subset0)
[ -d /usr/share/fonts/truetype/liberation ] || missing+=(fonts-liberation)
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ]; then
  echo "Please install: ${missing[*]} (needs root)" >&2
  exit 1
fi
echo "Installing ${missing[*]} from Debian's packages..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
