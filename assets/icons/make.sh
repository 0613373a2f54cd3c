#!/usr/bin/env bash
# Makes the app's icon set from tflm-studio.svg: PNGs (Linux menus and the window), tflm-studio.ico (Windows) and
# tflm-studio.icns (macOS). Needs ImageMagick (convert). Run it after editing the SVG and commit what it writes.
set -euo pipefail
cd "$(dirname "$0")"
for size in 16 32 48 64 128 256 512 1024; do
  convert -background none -density 300 tflm-studio.svg -resize "${size}x${size}" "PNG32:/tmp/tflm-icon-$$-$size.png"
done
cp "/tmp/tflm-icon-$$-256.png" tflm-studio.png
convert /tmp/tflm-icon-$$-{16,32,48,256}.png tflm-studio.ico

# ICNS: 'icns', total length, then one entry per size: a type, the entry's length and a PNG (big-endian lengths).
be32() { printf "\\x$(printf %02x $(($1 >> 24 & 255)))\\x$(printf %02x $(($1 >> 16 & 255)))\\x$(printf %02x $(($1 >> 8 & 255)))\\x$(printf %02x $(($1 & 255)))"; }
entries="/tmp/tflm-icon-$$-entries"
: >"$entries"
for pair in icp4:16 icp5:32 icp6:64 ic07:128 ic08:256 ic09:512 ic10:1024; do
  png="/tmp/tflm-icon-$$-${pair#*:}.png"
  { printf '%s' "${pair%:*}"; be32 $(($(wc -c <"$png") + 8)); cat "$png"; } >>"$entries"
done
{ printf 'icns'; be32 $(($(wc -c <"$entries") + 8)); cat "$entries"; } >tflm-studio.icns
rm -f /tmp/tflm-icon-$$-*
