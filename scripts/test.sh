#!/usr/bin/env bash
# `npm test`: lint, typecheck, unit + integration tests (real PostgreSQL), then the
# end-to-end tests against the production build in Debian's Chromium. Prints how long
# each stage took at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export NEXT_TELEMETRY_DISABLED=1

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Debian packages the tests drive for real: Chromium (+ CJK fonts, or Chinese renders as
# boxes in screenshots), LibreOffice (opens our xlsx/docx as an office would) and poppler
# (pdftotext/pdftoppm read the PDFs) and nginx (the load balancer in front of two instances).
missing=""
[ -x "$CHROMIUM" ] || missing="$missing chromium"
fc-list 2>/dev/null | grep -qi "CJK" || missing="$missing fonts-noto-cjk"
command -v soffice >/dev/null || missing="$missing libreoffice-calc-nogui libreoffice-writer-nogui"
command -v pdftotext >/dev/null || missing="$missing poppler-utils"
[ -x /usr/sbin/nginx ] || missing="$missing nginx"
if [ -n "$missing" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    echo "[test] 正在用 apt 安装 Debian 软件包:$missing"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
  else
    echo "[test] 测试需要 Debian 软件包:$missing。请先运行：sudo apt-get install -y$missing" >&2
    exit 1
  fi
fi

times=()
cpu_file="$(mktemp)"
t_all=$SECONDS
current=""
# The stage table is printed on every exit, a failed stage included (marked FAILED), so a
# failed run still shows where its time went.
report() {
  local rc=$?
  if [ -n "$current" ]; then
    # /usr/bin/time still writes "user sys" (after a "Command exited with …" line) for a failed command
    local cpu
    cpu="$(tail -n 1 "$cpu_file" 2>/dev/null | awk 'NF == 2 { printf "%ds", $1 + $2 }')"
    times+=("$(printf '%-28s %5ds wall %7s cpu  FAILED (exit %d)' "$current" $((SECONDS - stage_t0)) "${cpu:--}" "$rc")")
  fi
  echo "== stage times"
  [ ${#times[@]} -gt 0 ] && printf '%s\n' "${times[@]}"
  printf '%-28s %5ds wall%s\n' "total" $((SECONDS - t_all)) "$([ "$rc" = 0 ] || echo "  (npm test failed)")"
  rm -f "$cpu_file"
}
trap report EXIT
# Each stage's wall time and CPU time (user + system of the stage and its children, from
# /usr/bin/time when present): on a shared machine the CPU time says what the stage costs.
stage() {
  local name="$1"; shift
  echo "== $name"
  current="$name"
  stage_t0=$SECONDS
  local cpu="-"
  if [ -x /usr/bin/time ]; then
    : >"$cpu_file"
    /usr/bin/time -f "%U %S" -o "$cpu_file" "$@"
    cpu="$(tail -n 1 "$cpu_file" | awk '{ printf "%d", $1 + $2 }')s"
  else
    "$@"
  fi
  times+=("$(printf '%-28s %5ds wall %7s cpu' "$name" $((SECONDS - stage_t0)) "$cpu")")
  current=""
}

# lint's cache lives in node_modules/.cache (a clean clone starts without it)
stage "lint"                  npx eslint . --max-warnings=0 --cache --cache-location node_modules/.cache/eslint/
stage "typecheck"             npx tsc --noEmit -p .
stage "unit + integration"    npx vitest run
stage "build"                 node --import tsx scripts/start.ts --build-only
# the whole suite needs the demo data: generate it beside the first specs (tests/e2e/support/demo-service.ts)
stage "end-to-end (chromium)" env E2E_DEMO_EAGER=1 npx playwright test
