#!/usr/bin/env bash
# run.sh of the nnrun GPU proof kit (built by scripts/gpu-kit.sh; this file is its source).
# Runs on a Linux x86-64 machine with an OpenCL-capable GPU driver; needs no Java and no internet.
#
#   ./run.sh [--report FILE] [--seconds S]
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
#   6. one table: training and inference images/s per config, OpenCL against the CPU path and CUDA.
# Exit code: 0 when the self-check passed and both benches ran, 1 otherwise (the report says why).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
report=""; seconds=5
while [ $# -gt 0 ]; do
  case "$1" in
    --report) report="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
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
rm -rf "$results" ${icd_dir:+"$icd_dir"}
section "kit finished in $((SECONDS - start)) s, exit $status; report: $report"
exit "$status"
