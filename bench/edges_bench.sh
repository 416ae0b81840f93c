#!/usr/bin/env bash
# notebooks/EdgeDetection.ipynb at its full settings (Q1-Q7, ~150 000 training steps of tiny CNNs and MLPs): DLKit
# (dlkit.edges.EdgeBench, through EdgeTraining) against the same experiments in PyTorch (bench/edges_torch.py, Debian's
# python3-torch), in one run, per section and in total, as ratios (target <= 1.0).
#   bench/edges_bench.sh [scale] [--dl4j]
# scale multiplies every epoch count (default 1; 0.1 for a quick look). --dl4j makes DLKit train with DL4J's fit
# instead of EdgeFastPath (the "before"). TORCH_THREADS sets PyTorch's threads (default 1: on the shared 2-core
# machine two threads made PyTorch's CNN step ~6x slower, so one thread is the stricter anchor); DLKit uses 1.
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
build=${DLKIT_BENCH_BUILD:-$repo/target-edges}
scale=${1:-1}
[[ "$scale" == --* ]] && scale=1
threads=${TORCH_THREADS:-1}
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" -DskipTests package >/dev/null 2>&1)
(cd "$repo" && ./mvnw -B -q -o -Dbuild.dir="$build" test-compile >/dev/null 2>&1)
echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), scale $scale"
java_out=$(OMP_NUM_THREADS=1 java -Djava.awt.headless=true -Dorg.nd4j.log.initialization=false \
  -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$build/modules/dlkit-lib/test-classes:$build/modules/dlkit-lib/classes:$build/lib/*" \
  dlkit.edges.EdgeBench "$@" 2>/dev/null)
torch_out=$(OMP_NUM_THREADS=$threads /usr/bin/python3 "$repo/bench/edges_torch.py" --threads "$threads" --scale "$scale")
echo "$java_out"
echo "$torch_out"
echo "| section | DLKit s | PyTorch ($threads thread) s | ratio |"
echo "|---|---|---|---|"
for s in q1 q2 q3 q4 q5 q6q7; do
  a=$(sed -n "s/^dlkit_${s}_seconds=//p" <<<"$java_out")
  b=$(sed -n "s/^torch_${s}_seconds=//p" <<<"$torch_out")
  awk -v s="$s" -v a="$a" -v b="$b" 'BEGIN { printf "| %s | %.1f | %.1f | %.2f |\n", s, a, b, a / b }'
done
a=$(sed -n 's/^dlkit_seconds=//p' <<<"$java_out")
b=$(sed -n 's/^torch_seconds=//p' <<<"$torch_out")
awk -v a="$a" -v b="$b" -v sc="$scale" 'BEGIN { printf "| EdgeDetection Q1-Q7 (scale %s) | DLKit %.1f s | PyTorch %.1f s | ratio %.2f |\n", sc, a, b, a / b }'
