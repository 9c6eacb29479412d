# Sourced by the benchmark scripts before they start the PyTorch peer: the peer runs the kernels
# OpenBLAS picks for this CPU. An inherited OPENBLAS_CORETYPE (the development sandbox exports
# Haswell, with OPENBLAS_L2_SIZE) held it to AVX2 on an AVX-512 CPU, about 0.6x its speed
# (AMD EPYC, docs/benchmarks.md). The GPU kit's run.sh does the same on its own.
unset OPENBLAS_CORETYPE OPENBLAS_L2_SIZE
