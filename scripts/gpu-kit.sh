#!/usr/bin/env bash
# The GPU proof kit: one folder that runs nnrun's OpenCL checks and benchmarks on a Linux x86-64
# machine with a GPU driver and nothing else (no Java, no internet), and writes one report file.
#
#   scripts/gpu-kit.sh build [--out DIR]   build the kit into DIR (default target/gpu-kit), ≤ 60 MiB
#   scripts/gpu-kit.sh test                build it, then run it here on PoCL in a clean environment
#                                          (env -i, no JAVA_HOME, no java on PATH) and check the report
#
# On the GPU machine: `DIR/run.sh [--report FILE] [--seconds S]` (see DIR/README.txt). The kit holds
# a jlink runtime with just the modules nnrun needs (Java 17), the nnrun jar, ocl-icd's
# libOpenCL.so.1, the six reference configs, the PyTorch-on-CUDA peer (scripts/torch_twin.py,
# scripts/torch_cuda_throughput.py), which run.sh uses when the machine has python3 with CUDA, and
# for the pinned CPU comparison (issue #16: GPU machines have server CPUs) KernelBench (bench.jar),
# scripts/torch_kernels.py and, when it is at $NNRUN_PEER or ../shared/peers, the PyTorch peer
# torch_ref.py that `make bench` runs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
configs="mnist_linear mnist_fcnn mnist_convnet cifar_linear cifar_fcnn cifar_convnet"
limit_mib=60

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }

find_jdk() {
  local j
  for j in "${JAVA_HOME:-}" /usr/lib/jvm/java-17-openjdk-amd64 /usr/lib/jvm/temurin-17-jdk-amd64; do
    if [ -n "$j" ] && [ -x "$j/bin/jlink" ] && [ -d "$j/jmods" ] \
        && "$j/bin/java" -version 2>&1 | grep -q 'version "17'; then echo "$j"; return; fi
  done
  echo "error: no JDK 17 with jmods found (set JAVA_HOME; Debian: apt-get install openjdk-17-jdk-headless)" >&2
  exit 2
}

find_loader() {
  local f
  for f in /usr/lib/x86_64-linux-gnu/libOpenCL.so.1 /usr/lib64/libOpenCL.so.1 /usr/lib/libOpenCL.so.1; do
    [ -f "$f" ] && { readlink -f "$f"; return; }
  done
  echo "error: ocl-icd's libOpenCL.so.1 not found (Debian: apt-get install ocl-icd-libopencl1)" >&2
  exit 2
}

build() {
  local out="$1" jdk loader kit size
  jdk="$(find_jdk)"; loader="$(find_loader)"
  kit="$out/nnrun-gpu-kit"
  echo "gpu-kit: building the nnrun jar and the kernel benchmark"
  mvn -B -q -ntp package -DskipTests
  mvn -B -q -ntp test-compile
  rm -rf "$kit"; mkdir -p "$kit/lib" "$kit/configs" "$kit/peer"
  # The modules jdeps finds in the jar (java.desktop too: SnakeYAML needs java.beans), plus
  # java.logging for the libraries' loggers.
  echo "gpu-kit: jlink runtime from $jdk"
  "$jdk/bin/jlink" --add-modules java.base,java.desktop,java.logging,java.scripting,java.sql,jdk.incubator.vector,jdk.unsupported \
    --strip-debug --no-man-pages --no-header-files --compress=2 --output "$kit/runtime" 2>&1 | grep -v '^WARNING: Using incubator' || true
  # Debian's libjvm.so keeps its symbol table (4 MiB); the JVM does not need it to run.
  strip --strip-unneeded "$kit/runtime/lib/server/libjvm.so" "$kit"/runtime/lib/*.so 2>/dev/null || true
  cp target/nnrun.jar "$kit/nnrun.jar"
  cp "$loader" "$kit/lib/libOpenCL.so.1"
  for c in $configs; do cp "configs/$c.yaml" "$kit/configs/"; done
  cp scripts/torch_twin.py scripts/torch_cuda_throughput.py scripts/torch_kernels.py scripts/kernel_ratios.awk \
    scripts/peer_cifar_convnet.flow "$kit/peer/"
  "$jdk/bin/jar" cf "$kit/bench.jar" -C target/test-classes nnrun/backend/bench
  local peer="${NNRUN_PEER:-$root/../shared/peers/torch_ref.py}"
  if [ -f "$peer" ]; then cp "$peer" "$kit/peer/torch_ref.py"
  else echo "gpu-kit: no PyTorch peer at $peer (set NNRUN_PEER): the kit's CPU comparison will skip the configs"; fi
  cp scripts/gpu-kit-run.sh "$kit/run.sh"; chmod +x "$kit/run.sh"
  {
    echo "nnrun GPU proof kit"
    echo "built $(date -u +%FT%TZ) from commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo -dirty)"
    echo "runtime: $("$kit/runtime/bin/java" -version 2>&1 | head -1); loader: $(basename "$loader") from $(dpkg -S "$loader" 2>/dev/null | cut -d: -f1 || echo '?')"
    echo
    awk 'NR > 1 && /^#/ { sub(/^# ?/, ""); print; next } NR > 1 { exit }' scripts/gpu-kit-run.sh
  } > "$kit/README.txt"
  size="$(du -sb "$kit" | cut -f1)"
  echo "gpu-kit: $kit: $(awk -v b="$size" 'BEGIN { printf "%.1f", b / 1048576 }') MiB"
  [ "$size" -le $((limit_mib * 1048576)) ] || { echo "error: the kit is over its ${limit_mib} MiB budget" >&2; exit 1; }
}

# A PATH with the tools run.sh uses and no java, so the test proves the kit brings its own.
clean_path() {
  local bin="$1" t
  mkdir -p "$bin"
  # ld: PoCL links each compiled kernel with the system linker (a GPU driver does not).
  for t in bash sh env cat cp cut date dirname basename grep sed awk head tail tee mkdir mktemp touch rm ls uname nproc \
      readlink timeout sort tr wc find sleep hostname id printf ldconfig ld taskset; do
    p="$(command -v "$t" 2>/dev/null || true)"
    [ -n "$p" ] && ln -sf "$p" "$bin/$t"
  done
  [ -x /sbin/ldconfig ] && ln -sf /sbin/ldconfig "$bin/ldconfig"
  # A python3 with PyTorch (CPU) where there is one, so the kit's pinned CPU comparison runs too.
  for p in "$(command -v python3 2>/dev/null || true)" /usr/bin/python3; do
    if [ -n "$p" ] && "$p" -c 'import torch, numpy' >/dev/null 2>&1; then ln -sf "$p" "$bin/python3"; break; fi
  done
  return 0
}

run_test() {
  local work kit report
  work="$(mktemp -d /tmp/nnrun-gpu-kit-test.XXXXXX)"
  build "$work"
  kit="$work/nnrun-gpu-kit"; report="$work/report.txt"
  clean_path "$work/bin"
  echo "gpu-kit: running the kit in env -i (PATH=$work/bin, no java), report $report"
  env -i HOME="$work" PATH="$work/bin" "$kit/run.sh" --report "$report" --seconds 1 || {
    echo "gpu-kit test: FAIL: run.sh exited $?; see $report" >&2; exit 1; }
  local want
  for want in "== nnrun devices" "OpenCL platform: Portable Computing Language" \
      "selfcheck: opencl: all [0-9]* kernels agree with the reference" "per training step on the device" \
      "| mnist_fcnn | [0-9.]* | [0-9.]* | [0-9.]* | - |" "| cifar_convnet | [0-9.]* | [0-9.]* | [0-9.]* | - |" \
      "== CPU: nnrun against PyTorch" \
      "kit finished in [0-9]* s, exit 0"; do
    grep -q "$want" "$report" || { echo "gpu-kit test: FAIL: the report lacks '$want'; see $report" >&2; exit 1; }
  done
  if [ -L "$work/bin/python3" ]; then
    for want in "| mnist_fcnn | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* |" \
        "| cifar_convnet | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* | [0-9.]* |" "^geometric mean  *[0-9.]*x"; do
      grep -q "$want" "$report" || { echo "gpu-kit test: FAIL: the report's CPU comparison lacks '$want'; see $report" >&2; exit 1; }
    done
  fi
  if grep -q "not found\|Exception" "$report"; then
    echo "gpu-kit test: FAIL: the kit called something the clean machine lacks; see $report" >&2; exit 1
  fi
  echo "gpu-kit test: ok (report $report)"
}

case "${1:-}" in
  build) shift; out="target/gpu-kit"
         while [ $# -gt 0 ]; do case "$1" in --out) out="$2"; shift 2 ;; *) usage ;; esac; done
         build "$out" ;;
  test) run_test ;;
  *) usage ;;
esac
