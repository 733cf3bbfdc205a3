#!/usr/bin/env bash
# Takes the README's pictures from the real app: the browser tests start it on its own PostgreSQL with the demo
# data, photograph the main pages (ScreenshotTests, trait Category=Screenshots: every journey page at 1280 px, and
# the README's pages at 1280 px and on a 360 px phone), and this script copies the README's ones to docs/screenshots.
# Needs what scripts/test.sh installs (Debian's Chromium, the PostgreSQL server binaries).
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build tests/CommonsCall.EndToEnd.Tests -v q -nologo
out=tests/CommonsCall.EndToEnd.Tests/bin/Debug/net10.0/screenshots
rm -rf "$out/readme" "$out/desktop"
dotnet test tests/CommonsCall.EndToEnd.Tests --no-build --filter "Category=Screenshots"

mkdir -p docs/screenshots
rm -f docs/screenshots/*.png
cp "$out"/readme/*.png docs/screenshots/
echo "README pictures:"
ls -l docs/screenshots
echo "Every journey page at 1280 px: $out/desktop"
