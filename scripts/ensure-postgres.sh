#!/usr/bin/env bash
# Make sure PostgreSQL answers on 127.0.0.1:5432 for the test suite: start the local cluster if it is down.
# A PostgreSQL that cannot be started fails the run (the test suite would fail on it anyway).
set -uo pipefail
HOST=127.0.0.1 PORT=5432

ready() { pg_isready -h "$HOST" -p "$PORT" -q 2>/dev/null; }

ready && exit 0
if ! command -v pg_ctlcluster >/dev/null && [ "$(id -u)" = 0 ]; then
  echo "Installing PostgreSQL from Debian's packages..."
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
if command -v pg_ctlcluster >/dev/null; then
  version=$(ls /etc/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && pg_ctlcluster --skip-systemctl-redirect "$version" main start 2>/dev/null
fi
for _ in $(seq 1 30); do ready && exit 0; sleep 0.5; done
echo "PostgreSQL is not reachable on $HOST:$PORT and could not be started; every database test needs it." >&2
exit 1
