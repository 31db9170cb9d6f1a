#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit + integration tests (real PostgreSQL), then the
# end-to-end tests against the production build in Debian's Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Screenshots need a CJK font (Debian's fonts-noto-cjk) or Chinese renders as boxes.
if [ ! -x "$CHROMIUM" ] || ! fc-list 2>/dev/null | grep -qi "CJK"; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "[test] 正在用 apt 安装 Debian 的 chromium 和中文字体 fonts-noto-cjk…"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null
  else
    echo "[test] 需要 Debian 的 Chromium 才能运行端到端测试。请先运行：sudo apt-get install -y chromium fonts-noto-cjk" >&2
    exit 1
  fi
fi

echo "== lint";        npx eslint . --max-warnings=0
echo "== typecheck";   npx tsc --noEmit -p .
echo "== unit + integration (vitest)"; npx vitest run
echo "== build";       node --import tsx scripts/start.ts --build-only
echo "== end-to-end (playwright, chromium)"; npx playwright test
