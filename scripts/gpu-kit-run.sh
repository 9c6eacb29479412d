#!/usr/bin/env bash
# run.sh of the nnrun GPU proof kit (built by scripts/gpu-kit.sh; this file is its source).
# Runs on a Linux x86-64 machine with an OpenCL-capable GPU driver; needs no Java and no internet.
#
#   ./run.sh [--report FILE] [--seconds S] [--cpus LIST] [--no-cpu]
#
# It writes everything below into one report (default: report-HOST-TIME.txt beside run.sh, or
# FILE) and to the terminal, in about 5 minutes with the default S = 5:
#   1. the machine: CPU, memory, `nvidia-smi -L` and `clinfo -l` where they exist;
#   2. the OpenCL driver: $OCL_ICD_VENDORS when the caller sets it; otherwise the system's ICD files
#      (/etc/OpenCL/vendors) plus each GPU vendor library (libnvidia-opencl.so.1, libamdocl64.so,
#      libigdrcl.so) that the linker's or the usual driver folders hold and no ICD file names, all
#      in a temporary folder that OCL_ICD_VENDORS then points at (PoCL's library when there is
#      nothing else);
#   3. `nnrun devices`, then `nnrun selfcheck --device opencl` (every kernel against the reference);
#   4. `nnrun bench` of the six reference configs with --device opencl, then --device java;
#   5. when python3 with PyTorch, CUDA, PyYAML and NumPy is there, PyTorch's throughput of the same
#      six on CUDA (peer/torch_cuda_throughput.py);
#   6. one table: training and inference images/s per config, OpenCL against the CPU path and CUDA;
#   7. unless --no-cpu, when python3 has PyTorch: nnrun's CPU path against PyTorch's on 2 CPUs
#      (--cpus, default 0,1; both pinned with taskset, 2 threads each), the six configs through
#      peer/torch_ref.py (`make bench`'s peer) and the kernels through peer/torch_kernels.py
#      (scripts/bench_kernels.sh's), with ratios: GPU machines have server CPUs, and issue #16
#      needs figures from Intel ones.
# Exit code: 0 when the self-check passed and both benches ran, 1 otherwise (the report says why).
set -uo pipefail
# PyTorch's BLAS picks its kernels for this CPU (an inherited OPENBLAS_CORETYPE would not).
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
report=""; seconds=5; cpus="0,1"; cpu_peer=1
while [ $# -gt 0 ]; do
  case "$1" in
    --report) report="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --cpus) cpus="$2"; shift 2 ;;
    --no-cpu) cpu_peer=0; shift ;;
    *) awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' "$0" >&2; exit 2 ;;
  esac
done
[ -n "$report" ] || report="$here/report-$(hostname 2>/dev/null || echo host)-$(date -u +%Y%m%dT%H%M%SZ).txt"
mkdir -p "$(dirname "$report")"
exec > >(tee "$report") 2>&1
start=$SECONDS
status=0
section() { echo; echo "== $* ($(date -u +%T), $((SECONDS - start)) s in)"; }

section "nnrun GPU proof kit"
sed -n '1,3p' "$here/README.txt"
echo "host: $(hostname 2>/dev/null), $(uname -srm)"
echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) processors"
echo "memory: $(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)"
for smi in nvidia-smi /usr/bin/nvidia-smi /usr/local/nvidia/bin/nvidia-smi; do
  if command -v "$smi" >/dev/null 2>&1; then
    "$smi" -L 2>&1 | head -8
    "$smi" --query-gpu=name,driver_version,memory.total,clocks.max.sm --format=csv 2>&1 | head -4
    break
  fi
done

section "OpenCL driver"
icd_dir=""
if [ -n "${OCL_ICD_VENDORS:-}" ]; then
  echo "OCL_ICD_VENDORS=$OCL_ICD_VENDORS (set by the caller)"
else
  # The system's ICD files plus every GPU vendor library none of them names: a container may mount
  # the GPU driver (libnvidia-opencl.so.1) without its ICD file, beside an ICD file for PoCL, and
  # nnrun would then see only the CPU (the kit's first run on an H200 did).
  icd_dir="$(mktemp -d /tmp/nnrun-kit-icd.XXXXXX)"
  for f in /etc/OpenCL/vendors/*.icd; do
    [ -f "$f" ] || continue
    echo "$f: $(cat "$f")"; cp "$f" "$icd_dir/"
  done
  dirs="${LD_LIBRARY_PATH:-}:$(ldconfig -p 2>/dev/null | awk -F'=> ' '/=>/ { sub(/\/[^\/]*$/, "", $2); print $2 }' | sort -u | tr '\n' ':')"
  dirs="$dirs:/usr/lib/x86_64-linux-gnu:/usr/lib64:/usr/lib:/usr/local/nvidia/lib64:/usr/local/nvidia/lib:/usr/local/cuda/lib64:/usr/lib/wsl/lib:/opt/rocm/lib:/usr/lib/x86_64-linux-gnu/nvidia/current"
  IFS=: read -r -a list <<< "$dirs"
  named() { grep -qs "$1" "$icd_dir"/*.icd; }
  for lib in libnvidia-opencl.so.1 libamdocl64.so libigdrcl.so; do
    named "${lib%%.so*}" && continue
    for d in "${list[@]}"; do
      [ -n "$d" ] && [ -f "$d/$lib" ] || continue
      echo "$d/$lib" > "$icd_dir/${lib%%.so*}.icd"; echo "found $d/$lib (no ICD file named it)"; break
    done
  done
  if ! named libnvidia-opencl && ! named libamdocl64; then
    # Container runtimes sometimes mount only the versioned name (libnvidia-opencl.so.580.x).
    lib="$(find /usr/local/nvidia /usr/lib /usr/lib64 /usr/local/lib /opt -maxdepth 4 \
      \( -name 'libnvidia-opencl.so*' -o -name 'libamdocl64.so*' \) -type f 2>/dev/null | head -1)"
    if [ -n "$lib" ]; then echo "$lib" > "$icd_dir/vendor.icd"; echo "found $lib (by search)"; fi
  fi
  if ! ls "$icd_dir"/*.icd >/dev/null 2>&1; then
    for d in "${list[@]}"; do
      [ -n "$d" ] && [ -f "$d/libpocl.so.2" ] || continue
      echo "$d/libpocl.so.2" > "$icd_dir/pocl.icd"; echo "found $d/libpocl.so.2"; break
    done
  fi
  if ls "$icd_dir"/*.icd >/dev/null 2>&1; then export OCL_ICD_VENDORS="$icd_dir"; echo "OCL_ICD_VENDORS=$icd_dir: $(cat "$icd_dir"/*.icd | tr '\n' ' ')"
  else echo "no OpenCL vendor library found: the OpenCL checks will say so"; fi
fi
# ocl-icd's loader from the kit first; the system's GPU driver is found through the ICD files.
export LD_LIBRARY_PATH="$here/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}"
if command -v clinfo >/dev/null 2>&1; then clinfo -l 2>&1 | head -12; fi

unset JAVA_HOME JAVA_TOOL_OPTIONS _JAVA_OPTIONS
# Heap on transparent huge pages where the kernel gives them only on request, as scripts/nnrun does.
thp=""
if grep -q '\[madvise\]' /sys/kernel/mm/transparent_hugepage/enabled 2>/dev/null; then thp="-XX:+UseTransparentHugePages"; fi
nnrun() {
  # libjsig keeps the JVM's signal handlers when the OpenCL driver installs its own.
  LD_PRELOAD="$here/runtime/lib/libjsig.so${LD_PRELOAD:+:$LD_PRELOAD}" "$here/runtime/bin/java" \
    --add-modules=jdk.incubator.vector -XX:+UseSerialGC -XX:MaxRAMPercentage=50 $thp -jar "$here/nnrun.jar" "$@" 2>&1 \
    | grep -v '^WARNING: Using incubator modules'
  return "${PIPESTATUS[0]}"
}
# nnrun under a time limit: timeout runs programs, not functions, so the function goes to a child bash.
limited() {
  local limit="$1"; shift
  timeout "$limit" bash -c "$(declare -f nnrun); here=$(printf %q "$here"); thp=$(printf %q "$thp"); nnrun \"\$@\"" nnrun "$@"
}
configs=()
for c in mnist_linear mnist_fcnn mnist_convnet cifar_linear cifar_fcnn cifar_convnet; do configs+=("$here/configs/$c.yaml"); done
results="$(mktemp -d /tmp/nnrun-kit-results.XXXXXX)"

section "nnrun devices"
limited 120 devices || status=1

section "nnrun selfcheck --device opencl"
limited 300 selfcheck --device opencl || status=1

for device in opencl java; do
  section "nnrun bench (six configs) --device $device --seconds $seconds"
  limited 600 bench "${configs[@]}" --device "$device" --seconds "$seconds" | tee "$results/$device.txt" || status=1
done

section "PyTorch on CUDA (peer)"
if command -v python3 >/dev/null 2>&1 \
    && python3 -c 'import torch, yaml, numpy; assert torch.cuda.is_available()' >/dev/null 2>&1; then
  timeout 600 python3 "$here/peer/torch_cuda_throughput.py" "${configs[@]}" --seconds "$seconds" | tee "$results/cuda.txt"
else
  echo "skipped: no python3 with PyTorch (CUDA), PyYAML and NumPy here"
  touch "$results/cuda.txt"
fi

section "summary: images/s at batch 128 (train) and 1000 (infer)"
value() { sed -n "s/^RESULT [a-z_]* \(model\|config\)=$2 .*$3=\([0-9.]*\).*/\2/p" "$results/$1.txt" | tail -1; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a > 0 && b > 0) printf "%.2f", a / b; else printf "-" }'; }
echo "| config | opencl train | java train | opencl/java | cuda train | opencl/cuda | opencl infer | java infer | cuda infer |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for c in mnist_linear mnist_fcnn mnist_convnet cifar_linear cifar_fcnn cifar_convnet; do
  ot="$(value opencl "$c" train_img_s)"; jt="$(value java "$c" train_img_s)"; ct="$(value cuda "$c" train_img_s)"
  oi="$(value opencl "$c" infer_img_s)"; ji="$(value java "$c" infer_img_s)"; ci="$(value cuda "$c" infer_img_s)"
  echo "| $c | ${ot:--} | ${jt:--} | $(ratio "${ot:-0}" "${jt:-0}") | ${ct:--} | $(ratio "${ot:-0}" "${ct:-0}") | ${oi:--} | ${ji:--} | ${ci:--} |"
  [ -n "$ot" ] && [ -n "$jt" ] || status=1
done

section "CPU: nnrun against PyTorch, both pinned to CPUs $cpus, 2 threads"
if [ "$cpu_peer" = 0 ]; then
  echo "skipped (--no-cpu)"
elif ! command -v taskset >/dev/null 2>&1 || ! python3 -c 'import torch, numpy' >/dev/null 2>&1; then
  echo "skipped: needs taskset and python3 with PyTorch and NumPy"
else (
  # This subshell and everything it starts run on $cpus only, each side with 2 threads.
  taskset -cp "$cpus" "$BASHPID" >/dev/null
  export NNRUN_THREADS=2 OMP_NUM_THREADS=2
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'); SMT siblings of cpu ${cpus%%,*}: $(cat "/sys/devices/system/cpu/cpu${cpus%%,*}/topology/thread_siblings_list" 2>/dev/null || echo '?'); $(grep -o -w -E 'avx512f|amx_tile' /proc/cpuinfo | sort -u | tr '\n' ' ')"
  python3 -c 'import torch; b = torch.backends; on = [n for n, ok in (("MKL", b.mkl.is_available()), ("oneDNN", b.mkldnn.is_available())) if ok]
print("PyTorch", torch.__version__, "with", " and ".join(on) or "neither MKL nor oneDNN")' 2>&1 | tail -1
  # 3 s a measurement whatever --seconds says: at 1 s the JVM's figures were still warming up
  # (mnist_fcnn 0.48x in the kit's test here against 0.82x in make bench's 5 s runs, AMD EPYC).
  cpu_seconds=3
  # The peer's cifar_convnet has no batch norm or dropout: nnrun runs that architecture (as scripts/bench.sh).
  peer_convnet="$(cat "$here/peer/peer_cifar_convnet.flow")"
  field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" | tail -1; }
  if [ -f "$here/peer/torch_ref.py" ]; then
    echo "| config | nnrun train | PyTorch train | ratio | nnrun infer | PyTorch infer | ratio |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    for c in mnist_linear mnist_fcnn mnist_convnet cifar_linear cifar_fcnn cifar_convnet; do
      extra=(); [ "$c" = cifar_convnet ] && extra=(--set "model=$peer_convnet")
      jout="$(limited 120 bench "$here/configs/$c.yaml" --device java --threads 2 --seconds "$cpu_seconds" "${extra[@]}")"
      pout="$(timeout 120 python3 "$here/peer/torch_ref.py" throughput "$c" --threads 2 --seconds 1 --repeats 3 --max-wait 5 2>&1)"
      jt="$(echo "$jout" | field train_img_s)"; ji="$(echo "$jout" | field infer_img_s)"
      pt="$(echo "$pout" | field train_img_s)"; pi="$(echo "$pout" | field infer_img_s)"
      echo "| $c | ${jt:--} | ${pt:--} | $(ratio "${jt:-0}" "${pt:-0}") | ${ji:--} | ${pi:--} | $(ratio "${ji:-0}" "${pi:-0}") |"
    done
  else
    echo "configs skipped: the kit was built without the PyTorch peer (torch_ref.py)"
  fi
  echo
  for round in 1 2; do
    timeout 200 "$here/runtime/bin/java" --add-modules=jdk.incubator.vector -XX:+UseSerialGC $thp \
      -cp "$here/nnrun.jar:$here/bench.jar" nnrun.backend.bench.KernelBench --seconds 0.25 \
      --tsv "$results/kjava$round.tsv" > "$results/kjava$round.log" 2>&1
    [ "$round" = 1 ] && grep -E '^(backend|peak)' "$results/kjava1.log"
    timeout 200 python3 "$here/peer/torch_kernels.py" --threads 2 --seconds 0.25 --tsv "$results/ktorch$round.tsv" > /dev/null 2>&1
  done
  echo "kernels, best of 2 alternating rounds, GFLOP/s (> 1 means nnrun is faster):"
  cat "$results"/kjava*.tsv "$results"/ktorch*.tsv 2>/dev/null | awk -f "$here/peer/kernel_ratios.awk"
) fi
rm -rf "$results" ${icd_dir:+"$icd_dir"}
section "kit finished in $((SECONDS - start)) s, exit $status; report: $report"
exit "$status"
