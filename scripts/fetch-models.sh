#!/usr/bin/env bash
# Downloads the public models the README's examples use (TensorFlow Lite Micro's and MLPerf Tiny's, at the commits
# the reference runs were made with) into DIR, default ../shared/models beside this checkout. Each file is checked
# against its SHA-256 before it takes its name; a file already there with the right checksum is kept.
#   scripts/fetch-models.sh [DIR]
# TFLM_STUDIO_MODELS_MIRROR replaces https://raw.githubusercontent.com (same layout: OWNER/REPO/COMMIT/PATH).
# Not fetched: test_conv_model and network_tester_dwconv (C arrays in TFLM's sources), tflm-opzoo (generated),
# the reference runs (../shared/ref). Licences: both repositories are Apache-2.0 (see their LICENSE files).
set -euo pipefail
here="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dir="${1:-$here/../shared/models}"
base="${TFLM_STUDIO_MODELS_MIRROR:-https://raw.githubusercontent.com}"
command -v curl >/dev/null 2>&1 || { echo "error: fetch-models needs curl" >&2; exit 2; }
mkdir -p "$dir"

sha256() {
  if command -v sha256sum >/dev/null 2>&1; then sha256sum "$1" | cut -d' ' -f1; else shasum -a 256 "$1" | cut -d' ' -f1; fi
}

fetched=0 kept=0 failed=0
while read -r name sum source; do
  [ -z "$name" ] && continue
  out="$dir/$name"
  if [ -f "$out" ] && [ "$(sha256 "$out")" = "$sum" ]; then
    kept=$((kept + 1))
    continue
  fi
  part="$out.part"
  if ! curl -fsSL --retry 2 -o "$part" "$base/$source"; then
    rm -f "$part"
    echo "error: $name: could not download $base/$source" >&2
    failed=$((failed + 1))
    continue
  fi
  if [ "$(sha256 "$part")" != "$sum" ]; then
    rm -f "$part"
    echo "error: $name: $base/$source has another SHA-256 than expected ($sum); not kept" >&2
    failed=$((failed + 1))
    continue
  fi
  mv -f "$part" "$out"
  fetched=$((fetched + 1))
done <<'MODELS'
tflm-hello_world_float.tflite ee939863195ca37ce063b18e14fb82aa0d98db6596ba41095757f6b560da1070 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/hello_world/models/hello_world_float.tflite
tflm-hello_world_int8.tflite 505ee4fae7fa46ab67bea4c08b4969eb3eb8b9114c50595ec4a29d9a27993202 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/hello_world/models/hello_world_int8.tflite
tflm-simple_add_int8.tflite ae54358831f8a6ce8d0baa5c19437d76ab530710d9d491acb5860d1e5b552e26 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/memory_footprint/models/simple_add_model.tflite
tflm-micro_speech_int8.tflite 09e5e2a9dfb2d8ed78802bf18ce297bff54281a66ca18e0c23d69ca14f822a83 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/micro_speech/models/micro_speech_quantized.tflite
tflm-micro_speech_audio_preprocessor_float.tflite 684c7e4727409e26759cbb13e587fe25345a2cca163616e22a83d9265ea11644 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/micro_speech/models/audio_preprocessor_float.tflite
tflm-micro_speech_audio_preprocessor_int8.tflite 278949d197166fb8b580c0bdc94e902fb709fec0569dcf5766816b28285440e5 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/micro_speech/models/audio_preprocessor_int8.tflite
tflm-mnist_lstm_int8.tflite a44e4d8a6c051db582414915ee28ee0462bd47e9f150e4a095fb5a126b88d885 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/examples/mnist_lstm/trained_lstm_int8.tflite
tflm-keyword_scrambled_int16.tflite 2335faf0a066193cfbd499ebabcce06629c223ec24afbd1f27aaaf0a4273b1a1 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/models/keyword_scrambled.tflite
tflm-keyword_scrambled_8bit.tflite 1d5e0e5c9a7369ca34543fefb46e3047cd6db281adcd8bb8a96aba0a48e88757 tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/models/keyword_scrambled_8bit.tflite
tflm-person_detect_int8.tflite 808cfdfc0cf3a6fa6f6fa26bfa379ea97c16d5db7334637766e39c3408502e9d tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/models/person_detect.tflite
tflm-person_detect_vela_ethosu.tflite 330d1c883867ef3f02524d3c100a58957ba712610590dd8cd07efad338ca2e5a tensorflow/tflite-micro/90b983c2b3f1480642e040bbd2ddb37b998f3424/tensorflow/lite/micro/models/person_detect_vela.tflite
mlperf-ad01_int8.tflite 87cf24194ef93d1d9b11a591d805526b98008e351655d29883c825c9c106ba24 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/anomaly_detection/trained_models/ad01_int8.tflite
mlperf-ad01_fp32.tflite c66636f4d7f8af8b10518e7be750a22c9d8d46ec97326b40b0d94c097e0aad9b mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/anomaly_detection/trained_models/ad01_fp32.tflite
mlperf-ad_toycar_int8_floatio.tflite 861f3de4465a176099248090583ae5b6be00bc6f0c6bac16ce3bda004a7fa9c2 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/anomaly_detection/trained_models/ToyCar/baseline_tf23/model/model_ToyCar_quant_fullint.tflite
mlperf-ad_toycar_hybrid_quant.tflite 195e33efc7592a463fb6c5d6501613f8b9519e65596816161282e8d8dde033a5 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/anomaly_detection/trained_models/ToyCar/baseline_tf23/model/model_ToyCar_quant.tflite
mlperf-kws_ref_model_int8.tflite aeea436800704fce17b17292e4412630ad856e9d777c044c64ef748a880bd0ae mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/keyword_spotting/trained_models/kws_ref_model.tflite
mlperf-kws_ref_model_float32.tflite e5004c6f1012246e33fa068d8488325538e0444073cd361f5a7edb40c73f12d2 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/keyword_spotting/trained_models/kws_ref_model_float32.tflite
mlperf-ic_resnet_int8.tflite 3c002613d1b2475eb51dd78dfb85a546c8ae658dee71cf6ade43b022fe205415 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/image_classification/trained_models/pretrainedResnet_quant.tflite
mlperf-ic_resnet_float32.tflite b5c0046d6e0328b4956afd6baa29555a29b1f1c65bdd45aaed75b7cd484d9f79 mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/image_classification/trained_models/pretrainedResnet.tflite
mlperf-vww_96_int8.tflite 597a384c8c2c8a1276f04702f25013b7838f2f814f1ca7c174d295b73e3d6b7b mlcommons/tiny/1afd2c9820f795965a6134facd0b4dfae41ef23f/benchmark/training/visual_wake_words/trained_models/vww_96_int8.tflite
MODELS

echo "fetch-models: $fetched downloaded, $kept already there, $failed failed, in $dir"
[ "$failed" -eq 0 ] || exit 1
