#!/usr/bin/env bash
# Side-by-side kernel throughput: nnrun's JavaBackend (KernelBench) against PyTorch with
# OpenBLAS/oneDNN (scripts/torch_kernels.py), both on the same number of threads, one after
# the other in one run. Prints GFLOP/s per kernel and the ratio nnrun / PyTorch.
#
# Usage: scripts/bench_kernels.sh [--isa avx2] [SECONDS_PER_KERNEL]   (default 0.25; ~2 min)
#   --isa avx2   both sides limited to AVX2 on an AVX-512 CPU, to see what an AVX2-only CPU gets:
#                the JVM with -XX:UseAVX=2 (8 lanes, 16 vector registers), PyTorch with
#                ATEN_CPU_CAPABILITY=avx2, oneDNN's max ISA AVX2 and OpenBLAS's Haswell kernels.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/peer_env.sh"
cd "$(dirname "$0")/.."

jvm_isa=()
if [ "${1:-}" = "--isa" ]; then
    [ "${2:-}" = avx2 ] || { echo "usage: $0 [--isa avx2] [SECONDS_PER_KERNEL]" >&2; exit 2; }
    jvm_isa=(-XX:UseAVX=2)
    export ATEN_CPU_CAPABILITY=avx2 ONEDNN_MAX_CPU_ISA=AVX2 DNNL_MAX_CPU_ISA=AVX2 OPENBLAS_CORETYPE=Haswell
    shift 2
fi
seconds="${1:-0.25}"
threads="$(nproc)"
java_home="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

scripts/peer_blas.sh
mvn -B -q -o test-compile 2>/dev/null || mvn -B -q test-compile  # KernelBench is in src/bench/java, built with the tests

echo "== $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $threads threads, load average $(cut -d' ' -f1-3 /proc/loadavg)${jvm_isa:+, limited to AVX2}"
# Three alternating rounds; each kernel keeps its best round, so a burst of load from other
# processes during one side's turn does not decide a ratio.
for round in 1 2 3; do
    echo "== round $round: nnrun JavaBackend (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    "$java_home/bin/java" --add-modules=jdk.incubator.vector ${jvm_isa[@]+"${jvm_isa[@]}"} -cp target/classes:target/test-classes \
        nnrun.backend.bench.KernelBench --seconds "$seconds" --tsv "$out/java$round.tsv" 2>&1 \
        | grep -v '^WARNING: Using incubator'
    echo "== round $round: PyTorch (load average $(cut -d' ' -f1-3 /proc/loadavg))"
    /usr/bin/python3 scripts/torch_kernels.py --threads "$threads" --seconds "$seconds" --tsv "$out/torch$round.tsv"
done

echo "== best of 3 rounds, nnrun / PyTorch (GFLOP/s; > 1 means nnrun is faster)"
cat "$out"/java*.tsv "$out"/torch*.tsv | awk -f scripts/kernel_ratios.awk
