#!/bin/sh
# shellcheck disable=SC1091,SC2154,SC2086  # launch.conf sets the variables; option lists are word-split on purpose
# DLKit kernel launcher: Jupyter runs `sh launch.sh CONNECTION_FILE`. No rule is decided here, only passed on to the
# JVM: launch.conf, written by ./dlkit setup from the rules' Java classes (dlkit.tools.Kernelspec), names java_bin,
# class_path, python_bin, the collector, MEM_LIMIT's floor and heap share (dlkit.kernel.MemoryBudget), cds_archive and
# cuda_build (dlkit.backend.GpuDecision). README, "Configuration", says what each variable below does.
set -e
here=$(cd "$(dirname "$0")" && pwd)
[ -r "$here/launch.conf" ] ||
  { echo "dlkit kernel: $here/launch.conf is missing; run ./dlkit setup in the DLKit checkout" >&2; exit 1; }
. "$here/launch.conf"
[ "$#" = 1 ] || { echo "usage: launch.sh CONNECTION_FILE (JVM options go in DLKIT_JAVA_OPTS)" >&2; exit 2; }
# pyzmq for ipc transport (Colab); OpenMP threads that sleep while they wait (spinning, they starve the JVM's threads)
export DLKIT_PYTHON="${DLKIT_PYTHON:-${python_bin:-}}" OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
conn=$1
set -- -XX:-UsePerfData
case " ${DLKIT_JAVA_OPTS:-} " in *" -XX:+Use"*GC" "*) ;; *) set -- "$@" ${collector:+"$collector"} ;; esac
case "${DLKIT_HEAP:-}" in
  *[!0-9kKmMgGtT]*) echo "dlkit kernel: DLKIT_HEAP='$DLKIT_HEAP' is not a size like 4g or 512m" >&2; exit 2 ;;
  ?*) set -- "$@" "-Xmx$DLKIT_HEAP" ;;
  # a MEM_LIMIT that is not bytes from min_mem_limit up is ignored; the kernel says why
  *) case "${MEM_LIMIT:-x}" in
       *[!0-9]*) ;;
       *) [ "$MEM_LIMIT" -ge "$min_mem_limit" ] 2>/dev/null && set -- "$@" "-XX:MaxRAM=$MEM_LIMIT" $mem_limit_options ;;
     esac ;;
esac
[ "${DLKIT_CDS:-1}" = 0 ] || [ ! -r "${cds_archive:-/-}" ] ||
  set -- "$@" "-XX:SharedArchiveFile=$cds_archive" -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off
# a CUDA build carries both backends: ND4J takes the CPU one unless GpuDecision says the GPU can run it
[ "${cuda_build:-0}" = 0 ] ||
  "$java_bin" -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -cp "$class_path" \
    dlkit.backend.GpuDecision run --cuda-build 2>/dev/null | grep -q '^cuda ' ||
  export BACKEND_PRIORITY_CPU=100 BACKEND_PRIORITY_GPU=0
# DLKIT_JAVA_OPTS is word-split on purpose: several options, none with a space inside
exec "$java_bin" "$@" ${DLKIT_JAVA_OPTS:-} -cp "$class_path" dlkit.kernel.Main "$conn"
