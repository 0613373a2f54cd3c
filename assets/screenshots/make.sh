#!/usr/bin/env bash
# Makes every screenshot in this folder with the app's headless --screenshot, at 1366x768 (NAME.png, the README's)
# and at 1024x640 (NAME-1024x640.png, the smallest size every view is made for). Needs ../shared/models beside the
# checkout (or TFLM_SHARED=DIR). board-debug.png (and -1024x640) is the Board window's debug-probe mode attached to
# stock TFLM person_detect on QEMU's Cortex-M4 board through gdb-multiarch: BoardProbeFlowTest attaches, steps three
# ops and takes it (-Dtflm.screenshots=DIR); it is made last, and skipped with a message where qemu-system-arm or
# gdb-multiarch is missing.
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
models="${TFLM_SHARED:-$root/../shared}/models"
person="$models/tflm-person_detect_int8.tflite"
vww="$models/mlperf-vww_96_int8.tflite"
kws="$models/mlperf-kws_ref_model_int8.tflite"
replay=(--replay "$root/assets/recordings/vww_96_int8-nano33ble.rec" --device arduino-nano-33-ble-sense)
for m in "$person" "$vww" "$kws"; do
  [ -f "$m" ] || { echo "make.sh: $m not found (set TFLM_SHARED to the folder holding models/)" >&2; exit 2; }
done

shot() { # name size args...
  local name="$1" size="$2" out
  shift 2
  out="$here/$name.png"
  [ "$size" = 1366x768 ] || out="$here/$name-$size.png"
  "$root/tflm-studio" --screenshot "$out" --size "$size" "$@"
}

for size in 1366x768 1024x640; do
  shot graph "$size" --view graph "$person"
  shot graph-dark "$size" --view graph --dark "$vww"
  shot arena "$size" --view arena "${replay[@]}" "$vww"
  shot tensors "$size" --view tensors "$kws"
  shot profile "$size" --view profile "${replay[@]}" "$vww"
  shot board "$size" --view board "${replay[@]}" "$vww"
done

if command -v qemu-system-arm >/dev/null && command -v gdb-multiarch >/dev/null; then
  probe="$(mktemp -d)"
  trap 'rm -rf "$probe"' EXIT
  # Monocle's default headless screen (1280x800) is smaller than the 1366 px window.
  (cd "$root" && ./mvnw -B -q -pl app-ui -am test -Dtest=BoardProbeFlowTest -Dsurefire.failIfNoSpecifiedTests=false \
    -Dtflm.screenshots="$probe" -Dheadless.geometry=1920x1200-32)
  if [ -f "$probe/board-debug-board-1366x768.png" ]; then
    cp "$probe/board-debug-board-1366x768.png" "$here/board-debug.png"
    cp "$probe/board-debug-board-1024x640.png" "$here/board-debug-1024x640.png"
    echo "wrote $here/board-debug.png and board-debug-1024x640.png"
  else
    echo "make.sh: board-debug.png not made again (BoardProbeFlowTest was skipped: see its message)" >&2
  fi
else
  echo "make.sh: board-debug.png not made again (needs qemu-system-arm and gdb-multiarch)" >&2
fi
