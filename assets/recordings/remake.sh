#!/bin/sh
# Remakes vww_96_int8-nano33ble.rec: the virtual board (board-sim) imitating an Arduino Nano 33 BLE Sense (its
# cmsis-nn kernels size the arena; ticks are the device cost model's cycles), recorded by `attach --record` over a
# socat pty pair. Run from the checkout's root, with ../shared beside it.
set -eu
model=../shared/models/mlperf-vww_96_int8.tflite
device=arduino-nano-33-ble-sense
out=assets/recordings/vww_96_int8-nano33ble.rec
dir=$(mktemp -d)
socat pty,raw,echo=0,link="$dir/board" pty,raw,echo=0,link="$dir/host" &
socat_pid=$!
trap 'kill $socat_pid 2>/dev/null; rm -rf "$dir"' EXIT
sleep 1
./tflm-studio attach "$dir/host" --device $device --model $model --record "$dir/session.rec" --seconds 12 \
    --json > /dev/null &
attach_pid=$!
sleep 4
./tflm-studio board-sim $model --port "$dir/board" --device $device --invokes 30 --rate 10
wait $attach_pid
mv "$dir/session.rec" "$out"
echo "wrote $out"
