#!/usr/bin/env bash
# ResNet-18 (torchvision topology, 10 classes) training images/s on CIFAR-size input, DLKit (DL4J, nd4j-native)
# against PyTorch (Debian's python3-torch) on the same CPU, one after the other, as a ratio (target >= 1.0).
#   bench/resnet18_bench.sh [batch=64] [steps=10] [warmup=3] [size=32] [threads=2]
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${DLKIT_BENCH_BUILD:-$repo/target-mem}
batch=${1:-64}; steps=${2:-10}; warmup=${3:-3}; size=${4:-32}; threads=${5:-2}
(cd "$repo" && mvn -B -q -o -Dbuild.dir="$build" -DskipTests package >/dev/null 2>&1)
(cd "$repo" && mvn -B -q -o -Dbuild.dir="$build" test-compile >/dev/null 2>&1)
java_out=$(OMP_NUM_THREADS=$threads java -Djava.awt.headless=true -Dorg.nd4j.log.initialization=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$build/test-classes:$build/classes:$build/lib/*" \
  dlkit.nn.resnet.ResNetBench "$batch" "$steps" "$warmup" "$size" 2>/dev/null)
torch_out=$(/usr/bin/python3 "$repo/bench/resnet18_torch.py" "$batch" "$steps" "$warmup" "$size" "$threads")
echo "$java_out"
echo "$torch_out"
dl=$(sed -n 's/^dlkit_images_per_second=//p' <<<"$java_out")
pt=$(sed -n 's/^torch_images_per_second=//p' <<<"$torch_out")
awk -v a="$dl" -v b="$pt" -v bs="$batch" -v sz="$size" -v th="$threads" \
  'BEGIN { printf "| ResNet-18 training, batch %d, %dx%d, %d threads | DLKit %.1f img/s | PyTorch %.1f img/s | ratio %.2f |\n", bs, sz, sz, th, a, b, a / b }'
