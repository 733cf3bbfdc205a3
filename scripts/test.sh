#!/usr/bin/env bash
# Runs the whole test suite on a fresh Debian 12 machine (.NET 10 SDK, PostgreSQL 15 server binaries):
# installs what the tests need (Debian's Chromium for the browser tests), then `dotnet test`, and ends
# with the plain line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Chromium (Debian package) for the browser tests..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
    || { echo "Could not install chromium"; echo "0 passed, 1 failed"; exit 1; }
fi

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 && ! command -v pg_ctl >/dev/null 2>&1; then
  echo "Installing the PostgreSQL server binaries..."
  as_root apt-get update -qq && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null \
    || { echo "Could not install postgresql"; echo "0 passed, 1 failed"; exit 1; }
fi

# smtp4dev, the SMTP server the mail tests send to, is a local dotnet tool (.config/dotnet-tools.json).
dotnet tool restore >/dev/null || { echo "Could not restore the dotnet tools (smtp4dev)"; echo "0 passed, 1 failed"; exit 1; }

log=$(mktemp)
dotnet test CommonsCall.sln "$@" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

passed=$(grep -oE 'Passed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
failed=$(grep -oE 'Failed: +[0-9]+' "$log" | awk '{s += $2} END {print s + 0}')
if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  # The build or a test host failed before any test could report: count it, never hide it.
  failed=1
fi
rm -f "$log"
echo "$passed passed, $failed failed"
exit "$status"
