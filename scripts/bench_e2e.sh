#!/usr/bin/env bash
# A user's end-to-end view of speed: whole processes, JVM start-up and data loading included.
# Two epochs of mnist_fcnn and one of cifar_fcnn on the real data, `nnrun train` against the
# PyTorch peer's `train` (../shared/peers/torch_ref.py) in the peer's setting (SGD lr 0.05, momentum
# 0.9, no weight decay, no schedule, no augmentation, batch 128, a test evaluation per epoch), on the
# same number of threads, alternating which goes first, the median of --runs of each.
#
#   scripts/bench_e2e.sh [--runs 3] [--threads 2]
#
# Needs NNRUN_DATA (or ../shared/data) with MNIST and CIFAR-10, and PyTorch on OpenBLAS
# (scripts/peer_blas.sh checks). Prints one Markdown table; PyTorch/nnrun > 1 means nnrun is faster.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/peer_env.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
cd "$root"
runs=3; threads=2
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    *) sed -n '2,11p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
  esac
done
peer="${NNRUN_PEER:-$root/../shared/peers/torch_ref.py}"
[ -f "$peer" ] || { echo "error: PyTorch peer script not found at $peer (set NNRUN_PEER)" >&2; exit 2; }
if [ -z "${NNRUN_DATA:-}" ] && [ -d "$root/../shared/data" ]; then NNRUN_DATA="$(cd "$root/../shared/data" && pwd)"; fi
[ -n "${NNRUN_DATA:-}" ] || { echo "error: set NNRUN_DATA to the folder with mnist/ and cifar-10-batches-bin/" >&2; exit 2; }
export NNRUN_DATA
"$here/peer_blas.sh" >&2
[ -f target/nnrun.jar ] || mvn -B -q -ntp package -DskipTests
work="$(mktemp -d /tmp/nnrun-bench-e2e.XXXXXX)"
trap 'rm -rf "$work"' EXIT

# The peer's setting, on nnrun's reference configs.
peer_setting=(--set optimizer.lr=0.05 --set optimizer.momentum=0.9 --set optimizer.weight_decay=0 --set schedule=constant
              --set data.augment=none --set train.batch_size=128)

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", b - a }'; }
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ v[NR] = $1 } END { print (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2) }'; }

run_nnrun() { # config epochs
  local t0 t1
  t0="$(now)"
  NNRUN_THREADS="$threads" scripts/nnrun train "configs/$1.yaml" "${peer_setting[@]}" --set train.epochs="$2" \
    --device java --offline --runs-dir "$work/runs" > "$work/nnrun.log" 2>&1 || { cat "$work/nnrun.log" >&2; exit 1; }
  t1="$(now)"
  elapsed "$t0" "$t1"
}

run_peer() { # model epochs
  local t0 t1
  t0="$(now)"
  /usr/bin/python3 "$peer" train "$1" --epochs "$2" --data "$NNRUN_DATA" --threads "$threads" > "$work/peer.log" 2>&1 \
    || { cat "$work/peer.log" >&2; exit 1; }
  t1="$(now)"
  elapsed "$t0" "$t1"
}

echo "$(date -u +%FT%TZ), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) processors," \
  "$threads threads each, load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| run | nnrun wall s (each) | PyTorch wall s (each) | nnrun median | PyTorch median | PyTorch/nnrun |"
echo "| --- | --- | --- | --- | --- | --- |"
for job in "mnist_fcnn 2" "cifar_fcnn 1"; do
  set -- $job
  ours=""; theirs=""
  for i in $(seq "$runs"); do
    if [ $((i % 2)) = 1 ]; then ours="$ours $(run_nnrun "$1" "$2")"; theirs="$theirs $(run_peer "$1" "$2")"
    else theirs="$theirs $(run_peer "$1" "$2")"; ours="$ours $(run_nnrun "$1" "$2")"; fi
  done
  a="$(echo "$ours" | median)"; b="$(echo "$theirs" | median)"
  echo "| $1, $2 epoch$([ "$2" = 1 ] || echo s) | ${ours# } | ${theirs# } | $a | $b | $(awk -v a="$a" -v b="$b" 'BEGIN { printf "%.2f", b / a }') |"
done
echo
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
