#!/usr/bin/env bash
# Screenshots of every main view under Xvfb at 1366×768 (100 %, 125 %) and 1920×1080:
# tools/screenshots.sh OUT_DIR  (a fresh profile and demo database each time)
set -euo pipefail
out="${1:-out/screenshots}"
root="$(cd "$(dirname "$0")/.." && pwd)"
python="${PYTHON:-$root/.venv/bin/python}"
for spec in "1366x768 1" "1366x768 1.25" "1920x1080 1"; do
  set -- $spec
  dir="$out/$1@$2"
  profile="$(mktemp -d)"
  mkdir -p "$dir"
  display=":$((90 + RANDOM % 100))"
  Xvfb "$display" -screen 0 "${1}x24" -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  sleep 1
  DISPLAY="$display" QT_QPA_PLATFORM=xcb QT_SCALE_FACTOR="$2" XDG_CONFIG_HOME="$profile/config" \
    XDG_DATA_HOME="$profile/data" "$python" "$root/main.py" --screenshots "$dir" || true
  kill "$xvfb"
  rm -rf "$profile"
  echo "$dir"
done
