# Best-of-rounds kernel table, nnrun against PyTorch: reads the KernelBench and torch_kernels.py
# TSV rows (side, kernel, GFLOP/s) of several rounds, keeps each side's best round per kernel and
# prints GFLOP/s, the ratio (> 1 means nnrun is faster) and the geometric mean of the ratios.
# Used by scripts/bench_kernels.sh and the GPU kit's run.sh.
BEGIN { FS = "\t" }
{ key = $1 "\t" $2; if (!(key in best) || $3 + 0 > best[key]) best[key] = $3 + 0
  if ($1 == "java" && !($2 in seen)) { seen[$2] = 1; order[n++] = $2 } }
END {
    printf "%-38s %9s %9s %8s\n", "kernel", "nnrun", "pytorch", "ratio"
    for (i = 0; i < n; i++) {
        k = order[i]; j = best["java\t" k]; t = best["pytorch\t" k]
        if (t == "") continue
        printf "%-38s %9.1f %9.1f %7.2fx\n", k, j, t, j / t
        m++; logsum += log(j / t)
    }
    if (m) printf "%-38s %29.2fx\n", "geometric mean", exp(logsum / m)
}
