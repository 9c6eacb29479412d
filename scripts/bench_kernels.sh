#!/usr/bin/env bash
# Side-by-side kernel throughput: nnrun's JavaBackend (KernelBench) against PyTorch with
# OpenBLAS/oneDNN (scripts/torch_kernels.py), both on the same number of threads, one after
# the other in one run. Prints GFLOP/s per kernel and the ratio nnrun / PyTorch.
#
# Usage: scripts/bench_kernels.sh [SECONDS_PER_KERNEL]   (default 0.4; the whole run takes ~1-2 min)
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${1:-0.4}"
threads="$(nproc)"
java_home="${JAVA_HOME:-/usr/lib/jvm/java-17-openjdk-amd64}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

mvn -B -q -o compile 2>/dev/null || mvn -B -q compile

echo "== $(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $threads threads, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== nnrun JavaBackend"
"$java_home/bin/java" --add-modules=jdk.incubator.vector -cp target/classes \
    nnrun.backend.bench.KernelBench --seconds "$seconds" --tsv "$out/java.tsv" 2>&1 | grep -v '^WARNING: Using incubator'
echo "== PyTorch"
/usr/bin/python3 scripts/torch_kernels.py --threads "$threads" --seconds "$seconds" --tsv "$out/torch.tsv"

echo "== nnrun / PyTorch (GFLOP/s; > 1 means nnrun is faster)"
awk -F'\t' '
    FNR == NR { if ($1 == "pytorch") torch[$2] = $3; next }
    $1 == "java" && ($2 in torch) {
        printf "%-34s %9.1f %9.1f %7.2fx\n", $2, $3, torch[$2], $3 / torch[$2]
        n++; logsum += log($3 / torch[$2])
    }
    BEGIN { printf "%-34s %9s %9s %8s\n", "kernel", "nnrun", "pytorch", "ratio" }
    END { if (n) printf "%-34s %29.2fx\n", "geometric mean", exp(logsum / n) }
' "$out/torch.tsv" "$out/java.tsv"
