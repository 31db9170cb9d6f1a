#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit + integration tests (real PostgreSQL), then the
# end-to-end tests against the production build in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "[test] Chromium 未安装，正在用 apt 安装 Debian 的 chromium…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "[test] 需要 Debian 的 Chromium 才能运行端到端测试。请先运行：sudo apt-get install -y chromium" >&2
    exit 1
  fi
fi

echo "== lint";        npx eslint . --max-warnings=0
echo "== typecheck";   npx tsc --noEmit -p .
echo "== unit + integration (vitest)"; npx vitest run
echo "== build";       node --import tsx scripts/start.ts --build-only
echo "== end-to-end (playwright, chromium)"; npx playwright test
