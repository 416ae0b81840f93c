#!/usr/bin/env bash
# ResNet-18 (torchvision topology, 10 classes) training images/s on CIFAR-size input, DLKit (DL4J, nd4j-native)
# against PyTorch (Debian's python3-torch) on the same CPU, as a ratio (target >= 1.0). The two alternate for
# `rounds` rounds so that both see the same machine load; each round prints a table row, then the median ratio.
#   bench/resnet18_bench.sh [batch=64] [steps=10] [warmup=3] [size=32] [threads=2] [rounds=3]
# Build folder: DLKIT_BENCH_BUILD, else DLKIT_BUILD_DIR, else target/ (built here with mvn -o).
# DLKit trains as the GPUMemory notebook does: dlkit.nn.onednn.OneDnnTrainer (oneDNN primitives, DL4J's updater).
# DLKIT_BENCH_ONEDNN=0 runs DLKit on DL4J's built-in layers (-Ddlkit.onednn=false) for comparison.
# Besides images/s, each side reports its process CPU seconds per step, steadier than wall time when other work
# shares the cores (with 2 threads on 2 busy cores, OpenMP barriers wait on descheduled threads).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${DLKIT_BENCH_BUILD:-${DLKIT_BUILD_DIR:-$repo/target}}
batch=${1:-64}; steps=${2:-10}; warmup=${3:-3}; size=${4:-32}; threads=${5:-2}; rounds=${6:-3}
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" -DskipTests package >/dev/null 2>&1)
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" test-compile >/dev/null 2>&1)
echo "load before: $(uptime)"
ratios=()
for r in $(seq 1 "$rounds"); do
  java_out=$(OMP_NUM_THREADS=$threads java -Djava.awt.headless=true -Dorg.nd4j.log.initialization=false \
    -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Ddlkit.onednn="${DLKIT_BENCH_ONEDNN:-true}" -cp "$build/modules/dlkit-lib/test-classes:$build/modules/dlkit-lib/classes:$build/lib/*" \
    dlkit.nn.resnet.ResNetBench "$batch" "$steps" "$warmup" "$size" 2>/dev/null)
  torch_out=$(/usr/bin/python3 "$repo/bench/resnet18_torch.py" "$batch" "$steps" "$warmup" "$size" "$threads")
  dl=$(sed -n 's/^dlkit_images_per_second=//p' <<<"$java_out")
  pt=$(sed -n 's/^torch_images_per_second=//p' <<<"$torch_out")
  helpers=$(sed -n 's/^dlkit_onednn_layers=//p' <<<"$java_out")
  dlc=$(sed -n 's/^dlkit_cpu_seconds_per_step=//p' <<<"$java_out")
  ptc=$(sed -n 's/^torch_cpu_seconds_per_step=//p' <<<"$torch_out")
  ratios+=("$(awk -v a="$dl" -v b="$pt" 'BEGIN { printf "%.3f", a / b }')")
  awk -v a="$dl" -v b="$pt" -v bs="$batch" -v sz="$size" -v th="$threads" -v r="$r" -v h="$helpers" \
    -v ac="$dlc" -v bc="$ptc" \
    'BEGIN { printf "| round %d | batch %d, %dx%d, %d threads | DLKit %.1f img/s, %.3f CPU s/step (oneDNN layers: %s) | PyTorch %.1f img/s, %.3f CPU s/step | ratio %.2f (CPU-time ratio %.2f) |\n", r, bs, sz, sz, th, a, ac, h, b, bc, a / b, bc / ac }'
done
echo "load after: $(uptime)"
printf '%s\n' "${ratios[@]}" | sort -n | awk '{ v[NR] = $1 } END { printf "median ratio (DLKit / PyTorch) over %d rounds: %.2f\n", NR, (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
