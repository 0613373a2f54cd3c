#!/usr/bin/env bash
# Makes every screenshot in this folder with the app's headless --screenshot, at 1366x768 (NAME.png, the README's)
# and at 1024x640 (NAME-1024x640.png, the smallest size every view is made for). Needs ../shared/models beside the
# checkout (or TFLM_SHARED=DIR). board-debug.png is not made here: BoardProbeFlowTest takes it on QEMU
# (-Dtflm.shots=DIR).
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
