#!/usr/bin/env bash
# Runs test/node20/ (node:test, against dist/) on the machine's own Node 20, not the Node 24
# that npm puts first on PATH through node_modules/.bin. Build first (`npm run build`).
set -euo pipefail
cd "$(dirname "$0")/.."

node_bin=""
IFS=: read -r -a dirs <<< "$PATH"
for d in "${dirs[@]}" /usr/local/bin /usr/bin /bin; do
  case "$d" in *node_modules*) continue ;; esac
  if [ -x "$d/node" ]; then node_bin="$d/node"; break; fi
done
if [ -z "$node_bin" ]; then
  echo "test:node20: no system node found outside node_modules" >&2
  exit 1
fi

version="$("$node_bin" --version)"
echo "test:node20: $node_bin $version"
case "$version" in
  v20.*) ;;
  *) if [ -n "${CI:-}" ]; then echo "test:node20: CI needs Node 20 here, found $version" >&2; exit 1; fi ;;
esac

# A clean environment: no npm_* variables, no node_modules/.bin on PATH.
exec /usr/bin/env -i PATH="$(dirname "$node_bin"):/usr/local/bin:/usr/bin:/bin" HOME="${HOME:-/root}" \
  CI="${CI:-}" EXPECT_NODE_MAJOR="${EXPECT_NODE_MAJOR:-20}" \
  "$node_bin" --test --test-reporter=spec test/node20/
