#!/usr/bin/env bash
# The dropout notebook's parts A-H (93 000 training steps): DLKit (dlkit.nn.Trainer) against the same steps in
# PyTorch (Debian's python3-torch), in one run, as a ratio (target <= 1.0).
#   bench/dropout_bench.sh [--naive]      (--naive also prints DL4J's own fit() cost per step)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${DLKIT_BENCH_BUILD:-$repo/target-nn}
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" -DskipTests package >/dev/null 2>&1)
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" test-compile >/dev/null 2>&1)
java_out=$(java -Djava.awt.headless=true -Dorg.nd4j.log.initialization=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$build/modules/dlkit-lib/test-classes:$build/modules/dlkit-lib/classes:$build/lib/*" \
  dlkit.nn.DropoutBench "$@" 2>/dev/null)
torch_out=$(/usr/bin/python3 "$repo/bench/dropout_torch.py")
echo "$java_out"
echo "$torch_out"
dl=$(sed -n 's/^dlkit_seconds=//p' <<<"$java_out")
pt=$(sed -n 's/^torch_seconds=//p' <<<"$torch_out")
awk -v a="$dl" -v b="$pt" 'BEGIN { printf "| dropout A-H (93 000 steps) | DLKit %.2f s | PyTorch %.2f s | ratio %.2f |\n", a, b, a / b }'
