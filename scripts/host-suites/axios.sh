#!/usr/bin/env bash
# Runs axios' own Node test suite (its 1.x test sources, against the axios installed here) bare and
# wrapped by withVendorErrors with a neutral adapter (retry off, then on), and prints the table.
# Usage: scripts/host-suites/axios.sh <axios-checkout> [work-dir]   (needs `npm run build` first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec node "$here/axios.mjs" "$@"
