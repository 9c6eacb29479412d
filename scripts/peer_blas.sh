#!/usr/bin/env bash
# Which BLAS the PyTorch peer computes with, for the benchmark scripts: Debian's python3-torch links
# libblas.so.3, which is whatever update-alternatives points at. Without an OpenBLAS package that is
# the reference (netlib) BLAS, and PyTorch then trains mnist_fcnn at ~1,400 img/s instead of ~50,000
# (seen on a 2-core AMD EPYC): every ratio against such a peer would be a fake win. OpenBLAS's
# pthread build is refused too (below); its OpenMP build is the one to use.
#
#   scripts/peer_blas.sh     prints "PyTorch BLAS: PATH"; exit 2 with the fix when it is not OpenBLAS
set -euo pipefail
lib="$(/usr/bin/python3 -c 'import os, torch; print(os.path.join(os.path.dirname(torch.__file__), "lib", "libtorch_cpu.so"))' 2>/dev/null)" || {
  echo "error: PyTorch missing: apt-get install -y python3-torch libopenblas0-openmp" >&2; exit 2; }
blas="$(ldd "$lib" | awk '$1 == "libblas.so.3" { print $3 }')"
[ -n "$blas" ] && blas="$(readlink -f "$blas")"
core=""
[ -n "$blas" ] && core="$(/usr/bin/python3 -c 'import ctypes, sys
lib = ctypes.CDLL(sys.argv[1]); lib.openblas_get_corename.restype = ctypes.c_char_p
print(lib.openblas_get_corename().decode())' "$blas" 2>/dev/null || true)"
echo "PyTorch BLAS: ${blas:-none linked}${core:+ (OpenBLAS kernels: $core${OPENBLAS_CORETYPE:+, forced by OPENBLAS_CORETYPE})}"
case "$blas" in
  *openblas-pthread*)
     # PyTorch runs its own OpenMP threads; OpenBLAS's pthreads then compete with them for the
     # cores: two epochs of mnist_fcnn took 15.7 s against 6.0 s with openblas-openmp (AMD EPYC,
     # 2 cores, scripts/bench_e2e.sh medians, 2026-12-03).
     echo "error: PyTorch's libblas.so.3 is OpenBLAS's pthread build ($blas), whose threads oversubscribe" \
       "the cores beside PyTorch's OpenMP ones: apt-get install -y libopenblas0-openmp && apt-get remove -y libopenblas0-pthread" >&2
     exit 2 ;;
  *openblas*) ;;
  *) echo "error: PyTorch's libblas.so.3 is not OpenBLAS (${blas:-none}), so the peer would run at a fraction" \
       "of its speed: apt-get install -y libopenblas0-openmp (update-alternatives then points libblas.so.3 at it)" >&2
     exit 2 ;;
esac
