#!/usr/bin/env bash
# Grid sweep over --set values: every combination is its own run folder under one sweep folder,
# N runs at a time, then one `nnrun compare` table over the sweep.
#
#   scripts/sweep.sh CONFIG --grid KEY=V1,V2,... [--grid KEY=...] [--parallel N] [--out DIR] [-- NNRUN_ARGS...]
#
# Example:
#   scripts/sweep.sh configs/mnist_fcnn.yaml --grid optimizer.lr=0.01,0.05,0.1 --grid train.batch_size=64,128 --parallel 2
#
# Under Slurm, submit the same script as a job array with one task per combination; each task
# runs only its own combination (SLURM_ARRAY_TASK_ID), and you compare when all are done:
#   n=$(scripts/sweep.sh CONFIG --grid ... --count)      # number of combinations
#   sbatch --array=0-$((n-1)) --cpus-per-task=2 --wrap "scripts/sweep.sh CONFIG --grid ... --out runs/sweep-x"
#   nnrun compare runs/sweep-x
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nnrun="$here/nnrun"

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
config="$1"; shift
[ -f "$config" ] || { echo "error: config $config not found" >&2; exit 2; }
grids=(); parallel=1; out=""; count_only=0; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --grid) [[ "${2:-}" == *=* ]] || { echo "error: --grid needs KEY=V1,V2,..., got '${2:-}'" >&2; exit 2; }
            grids+=("$2"); shift 2 ;;
    --parallel) parallel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --count) count_only=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
done
[ ${#grids[@]} -gt 0 ] || { echo "error: give at least one --grid KEY=V1,V2" >&2; exit 2; }

# Cartesian product of the grids: one line per combination, "--set k=v --set k2=v2".
# Each run is named after its values (name_lr0.01_batch_size64) so the compare table reads at a glance.
name="$(basename "$config" .yaml)"
combos=(""); labels=("$name")
for g in "${grids[@]}"; do
  key="${g%%=*}"; IFS=',' read -r -a values <<< "${g#*=}"
  next=(); next_labels=()
  for i in "${!combos[@]}"; do for v in "${values[@]}"; do
    next+=("${combos[$i]} --set $key=$v")
    next_labels+=("${labels[$i]}_${key##*.}$(echo "$v" | tr -c 'A-Za-z0-9.\n-' '_')")
  done; done
  combos=("${next[@]}"); labels=("${next_labels[@]}")
done
if [ "$count_only" = 1 ]; then echo "${#combos[@]}"; exit 0; fi

out="${out:-runs/sweep-$(date -u +%Y%m%d-%H%M%S)-$name}"
mkdir -p "$out"

run_one() { # $1 = combination index
  # shellcheck disable=SC2086
  "$nnrun" train "$config" --runs-dir "$out" ${combos[$1]} --set "name=${labels[$1]}" "${extra[@]}" > "$out/run-$1.log" 2>&1 \
    && echo "done   ${combos[$1]}" || echo "FAILED ${combos[$1]} (see $out/run-$1.log)"
}

if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  run_one "$SLURM_ARRAY_TASK_ID"
  exit 0
fi

# Build the jar once, not in every parallel run.
[ -f "$here/../target/nnrun.jar" ] || (cd "$here/.." && mvn -B -q -ntp package -DskipTests)
echo "sweep: ${#combos[@]} runs of $config into $out, $parallel at a time"
for i in "${!combos[@]}"; do echo "$i"; done | {
  running=0
  while read -r i; do
    run_one "$i" &
    running=$((running + 1))
    if [ "$running" -ge "$parallel" ]; then wait -n; running=$((running - 1)); fi
  done
  wait
}
"$nnrun" compare "$out" | tee "$out/compare.md"
