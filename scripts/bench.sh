#!/usr/bin/env bash
# `make bench`: training and inference throughput and peak memory of the six reference networks,
# nnrun and PyTorch (../shared/peers/torch_ref.py, OpenBLAS, 2 threads each) side by side in one
# run on this machine, with the ratios. Then the kernel-level SGEMM/conv comparison.
#
#   scripts/bench.sh [--seconds S] [--models "mnist_fcnn cifar_fcnn ..."] [--no-kernels]
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/peer_env.sh"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$here/.."
peer="${NNRUN_PEER:-$root/../shared/peers/torch_ref.py}"
seconds=5; models="mnist_linear mnist_fcnn mnist_convnet cifar_linear cifar_fcnn cifar_convnet"; kernels=1
while [ $# -gt 0 ]; do
  case "$1" in
    --seconds) seconds="$2"; shift 2 ;;
    --models) models="$2"; shift 2 ;;
    --no-kernels) kernels=0; shift ;;
    *) echo "usage: $0 [--seconds S] [--models \"A B\"] [--no-kernels]" >&2; exit 2 ;;
  esac
done
[ -f "$peer" ] || { echo "error: PyTorch peer script not found at $peer (set NNRUN_PEER)" >&2; exit 2; }
"$here/peer_blas.sh"
[ -x /usr/bin/time ] || { echo "error: /usr/bin/time missing: apt-get install -y time" >&2; exit 2; }
[ -f "$root/target/nnrun.jar" ] || (cd "$root" && mvn -B -q -ntp package -DskipTests)

# The peer's cifar_convnet has no batch norm or dropout; measure nnrun on exactly that architecture.
peer_convnet="$(cat "$here/peer_cifar_convnet.flow")"

field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
printf '| model | nnrun train img/s | PyTorch train img/s | ratio | nnrun infer img/s | PyTorch infer img/s | ratio | nnrun peak RSS MB | PyTorch peak RSS MB | ratio |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n'
for m in $models; do
  extra=(); [ "$m" = cifar_convnet ] && extra=(--set "model=$peer_convnet")
  jout=$( { /usr/bin/time -f "PEAK_RSS_KB=%M" "$here/nnrun" bench "$root/configs/$m.yaml" --device java --seconds "$seconds" "${extra[@]}"; } 2>&1 )
  pout=$( { /usr/bin/time -f "PEAK_RSS_KB=%M" /usr/bin/python3 "$peer" throughput "$m" --threads 2 --seconds "$seconds" --max-wait 60; } 2>&1 )
  jt=$(echo "$jout" | field train_img_s); ji=$(echo "$jout" | field infer_img_s); jr=$(echo "$jout" | field PEAK_RSS_KB)
  pt=$(echo "$pout" | field train_img_s); pi=$(echo "$pout" | field infer_img_s); pr=$(echo "$pout" | field PEAK_RSS_KB)
  if [ -z "$jt" ] || [ -z "$pt" ]; then
    echo "error: a measurement failed for $m" >&2; echo "$jout" >&2; echo "$pout" >&2; exit 4
  fi
  awk -v m="$m" -v jt="$jt" -v pt="$pt" -v ji="$ji" -v pi="$pi" -v jr="$jr" -v pr="$pr" 'BEGIN {
    printf "| %s | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx | %.0f | %.0f | %.2fx |\n", m, jt, pt, jt/pt, ji, pi, ji/pi, jr/1024, pr/1024, jr/pr }'
done
echo
echo "$(/usr/bin/python3 -c 'import torch; print("PyTorch", torch.__version__)'), 2 threads; nnrun JavaBackend; $(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
"$root/scripts/nnrun" devices 2>/dev/null | grep -E '^CPU (backend|GEMM):' || true
if [ "$kernels" = 1 ] && [ -x "$here/bench_kernels.sh" ]; then
  echo; echo "Kernels (scripts/bench_kernels.sh):"; "$here/bench_kernels.sh"
fi
