#!/usr/bin/python3
"""PyTorch timings of the kernels nnrun's KernelBench measures, keyed the same way.

Usage: /usr/bin/python3 scripts/torch_kernels.py [--threads 2] [--seconds 0.4] [--tsv FILE]

Each figure is the fastest of the calls repeated for at least --seconds after a warm-up, as
GFLOP/s (2 x multiply-adds), the same statistic as nnrun's KernelBench. Matmuls run through torch.mm on float32 tensors;
convolutions through F.conv2d (forward) and aten.convolution_backward (input gradient alone,
weight+bias gradients together), which is what autograd calls in training.
"""
import argparse
import os
import sys
import time

import torch
import torch.nn.functional as F


def loaded_blas():
    """The BLAS/oneDNN libraries this process mapped, to show OpenBLAS really is in use."""
    try:
        with open("/proc/self/maps") as maps:
            libs = {line.split()[-1] for line in maps if "blas" in line or "dnnl" in line or "mkl" in line}
        return sorted(os.path.basename(lib) for lib in libs)
    except OSError:
        return ["unknown"]


def measure(call, flops, seconds):
    warm_until = time.perf_counter() + seconds * 0.5
    while True:
        call()
        if time.perf_counter() >= warm_until:
            break
    times = []
    end = time.perf_counter() + seconds
    while len(times) < 3 or time.perf_counter() < end:
        t0 = time.perf_counter()
        call()
        times.append(time.perf_counter() - t0)
    # The fastest call: other processes on a shared machine only ever slow a call down.
    return flops / min(times) / 1e9


def gemm_case(key, ta, tb, m, n, k):
    a = torch.rand(k, m) - 0.5 if ta else torch.rand(m, k) - 0.5
    b = torch.rand(n, k) - 0.5 if tb else torch.rand(k, n) - 0.5
    a_op = a.t() if ta else a
    b_op = b.t() if tb else b
    c = torch.empty(m, n)
    return key, 2.0 * m * n * k, lambda: torch.mm(a_op, b_op, out=c)


def cases():
    for s in (128, 512, 1024, 2048):
        yield gemm_case(f"gemm {s}x{s}x{s} NN", False, False, s, s, s)
    for inp, out in ((784, 512), (512, 256), (3072, 1024), (1024, 512)):
        layer = f"linear {inp}->{out}"
        yield gemm_case(layer + " fwd", False, True, 128, out, inp)
        yield gemm_case(layer + " bwd-input", False, False, 128, inp, out)
        yield gemm_case(layer + " bwd-weight", True, False, out, inp, 128)
    layers = (("mnist conv1 1->32 28x28", 1, 32, 28), ("mnist conv2 32->64 14x14", 32, 64, 14),
              ("cifar conv1 3->32 32x32", 3, 32, 32), ("cifar conv2 32->32 32x32", 32, 32, 32),
              ("cifar conv3 32->64 16x16", 32, 64, 16), ("cifar conv4 64->64 16x16", 64, 64, 16))
    for name, c, oc, hw in layers:
        x = torch.rand(128, c, hw, hw) - 0.5
        w = torch.rand(oc, c, 3, 3) - 0.5
        b = torch.rand(oc) - 0.5
        dy = torch.rand(128, oc, hw, hw) - 0.5
        flops = 2.0 * 128 * oc * hw * hw * c * 9
        conv_bwd = torch.ops.aten.convolution_backward
        args = ([1, 1], [1, 1], [1, 1], False, [0, 0], 1)
        yield name + " fwd", flops, lambda x=x, w=w, b=b: F.conv2d(x, w, b, padding=1)
        yield (name + " bwd-input", flops,
               lambda x=x, w=w, dy=dy: conv_bwd(dy, x, w, [w.shape[0]], *args, [True, False, False]))
        yield (name + " bwd-weight", flops,
               lambda x=x, w=w, dy=dy: conv_bwd(dy, x, w, [w.shape[0]], *args, [False, True, True]))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seconds", type=float, default=0.4)
    parser.add_argument("--tsv")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    print(f"torch {torch.__version__}, {torch.get_num_threads()} threads, loaded libs: {', '.join(loaded_blas())}")
    print(f"{'backend':10s} {'kernel':34s} {'GFLOP/s':>9s}")
    rows = []
    with torch.no_grad():
        for key, flops, call in cases():
            gflops = measure(call, flops, args.seconds)
            print(f"{'pytorch':10s} {key:34s} {gflops:9.1f}", flush=True)
            rows.append(("pytorch", key, gflops))
    if args.tsv:
        tmp = args.tsv + ".tmp"
        with open(tmp, "w") as out:
            for backend, key, gflops in rows:
                out.write(f"{backend}\t{key}\t{gflops:.2f}\n")
        os.replace(tmp, args.tsv)


if __name__ == "__main__":
    sys.exit(main())
