#!/bin/sh
# DLKit kernel launcher. Jupyter runs: sh launch.sh [JVM options...] CONNECTION_FILE
# launch.conf (written by `./dlkit setup` next to this file) sets java_bin, class_path, python_bin,
# mem_limit_options, collector and, when generated, cds_archive.
#
# Memory: the rule is dlkit.kernel.MemoryBudget's (DLKIT_HEAP as -Xmx; else MEM_LIMIT as -XX:MaxRAM with the heap's
# share from launch.conf's mem_limit_options, and the kernel sets ND4J's off-heap limits itself). Only passed
# through here: the heap is fixed as the JVM starts. DLKIT_JAVA_OPTS: extra JVM options, appended last.
# Backend: a CUDA build (./dlkit setup on a GPU that can run it, ./mvnw -Pcuda) carries both ND4J backends; ND4J
# is steered to the CPU one when DLKIT_BACKEND=cpu or the GPU is one nd4j-cuda-11.6 M2.1 cannot run (compute
# capability outside 3.7-8.x, e.g. an H100 at 9.0). The kernel itself prints the reason (same rule, same class).
set -e

here=$(cd "$(dirname "$0")" && pwd)
if [ ! -r "$here/launch.conf" ]; then
  echo "dlkit kernel: $here/launch.conf is missing; run ./dlkit setup in the DLKit checkout" >&2
  exit 1
fi
. "$here/launch.conf"
# The Python whose pyzmq bridges ipc transport (Colab): the one setup installed Jupyter into, unless set.
if [ -n "${python_bin:-}" ] && [ -z "${DLKIT_PYTHON:-}" ]; then export DLKIT_PYTHON="$python_bin"; fi

if [ "$#" -lt 1 ]; then
  echo "usage: launch.sh [JVM options...] CONNECTION_FILE" >&2
  exit 2
fi

# All arguments but the last are JVM options; the last is the connection file.
n=$#
i=1
for arg in "$@"; do
  if [ "$i" -eq "$n" ]; then connection_file=$arg; else set -- "$@" "$arg"; fi
  i=$((i + 1))
done
shift "$n"

heap_opts=""
if [ -n "${DLKIT_HEAP:-}" ]; then
  case "$DLKIT_HEAP" in
    *[!0-9kKmMgGtT]*) echo "dlkit kernel: DLKIT_HEAP='$DLKIT_HEAP' is not a size like 4g or 512m" >&2; exit 2 ;;
  esac
  heap_opts="-Xmx$DLKIT_HEAP"
elif [ -n "${MEM_LIMIT:-}" ]; then
  case "$MEM_LIMIT" in
    *[!0-9]*) echo "dlkit kernel: MEM_LIMIT='$MEM_LIMIT' is not a byte count; ignoring it" >&2 ;;
    # below MemoryBudget.MIN_MEM_LIMIT (256 MB) a JVM cannot start: ignored, as the kernel ignores it
    *) if [ "$MEM_LIMIT" -ge 268435456 ] 2>/dev/null; then heap_opts="-XX:MaxRAM=$MEM_LIMIT ${mem_limit_options:-}"; fi ;;
  esac
fi

# Startup helpers, measured (see README, Benchmarks). launch.conf's collector (MemoryBudget.COLLECTOR) unless
# DLKIT_JAVA_OPTS chooses one.
fast_opts="-XX:-UsePerfData"
case " ${DLKIT_JAVA_OPTS:-} " in
  *" -XX:+Use"*GC" "*) ;;
  *) fast_opts="$fast_opts ${collector:-}" ;;
esac
# DLKIT_JIT=c1: C1 only. Halves the first cell's time on a busy 2-core machine but runs hot plain-Java
# loops about 3x slower, so it is opt-in (ND4J's native kernels are unaffected). The grader sets it for its
# kernels, whose notebook code runs in an agent JVM that keeps the full JIT.
case "${DLKIT_JIT:-}" in
  ""|full) ;;
  c1) fast_opts="$fast_opts -XX:TieredStopAtLevel=1" ;;
  *) echo "dlkit kernel: DLKIT_JIT='$DLKIT_JIT' is not full or c1; using full" >&2 ;;
esac
cds_opts=""
if [ -n "${cds_archive:-}" ] && [ -r "$cds_archive" ] && [ "${DLKIT_CDS:-1}" != 0 ]; then
  cds_opts="-XX:SharedArchiveFile=$cds_archive -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off"
fi

# OpenMP threads sleep instead of spinning while they wait: on a small shared machine (2 cores, a grader
# running several kernels) spinning ND4J threads starve the JVM's own threads. DLKit users can override it.
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"

cuda_build=0
for entry in $(echo "$class_path" | tr ':' ' '); do
  case "$entry" in
    */\*) for jar in "${entry%/\*}"/nd4j-cuda-*.jar; do [ -e "$jar" ] && cuda_build=1; done ;;
    *nd4j-cuda-*) cuda_build=1 ;;
  esac
done
if [ "$cuda_build" = 1 ]; then
  # dlkit.backend.GpuDecision decides (the rule lives there; it reads DLKIT_BACKEND and nvidia-smi): one short
  # JVM start more, for CUDA builds only. If it cannot tell, the CPU backend is the safe side.
  decision=$("$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "${class_path%%:*}" \
    dlkit.backend.GpuDecision run --cuda-build 2>/dev/null || true)
  case "$decision" in
    cuda\ *) ;;
    *) export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0 ;;
  esac
fi

# $heap_opts, $cds_opts and $DLKIT_JAVA_OPTS are word-split on purpose (no spaces inside options).
# shellcheck disable=SC2086
exec "$java_bin" $heap_opts $fast_opts $cds_opts \
  -Dorg.nd4j.log.initialization=false \
  "$@" ${DLKIT_JAVA_OPTS:-} \
  -cp "$class_path" dlkit.kernel.Main "$connection_file"
