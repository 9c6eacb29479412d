#!/usr/bin/env bash
# Grid sweep over --set values: every combination is its own run folder under one sweep folder,
# N runs at a time, then one `nnrun compare` table over the sweep.
#
#   scripts/sweep.sh CONFIG --grid KEY=V1,V2,... [--grid KEY=...] [--parallel N] [--out DIR] [-- NNRUN_ARGS...]
#
# Example:
#   scripts/sweep.sh configs/mnist_fcnn.yaml --grid optimizer.lr=0.01,0.05,0.1 --grid train.batch_size=64,128 --parallel 2
# A value may be a YAML list or map; commas inside [...] or {...} do not split it:
#   --grid 'optimizer.betas=[0.9,0.99],[0.8,0.999]'
# --parallel N gives each run 1/N of the cores (NNRUN_THREADS) unless NNRUN_THREADS is set.
# Exit code: 0 when every run succeeded, else the exit code of the first failed run (index order).
#
# Under Slurm, submit the same script as a job array with one task per combination; each task
# runs only its own combination (SLURM_ARRAY_TASK_ID), prints its training log (slurm-*.out),
# and exits with nnrun's exit code, so a failed run is a FAILED task. See docs/slurm.md.
#   n=$(scripts/sweep.sh CONFIG --grid ... --count)      # number of combinations
#   sbatch --array=0-$((n-1)) --cpus-per-task=2 --wrap "scripts/sweep.sh CONFIG --grid ... --out runs/sweep-x"
#   nnrun compare runs/sweep-x
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
nnrun="$here/nnrun"

usage() { sed -n '2,22p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
[ $# -ge 1 ] || usage
config="$1"; shift
[ -f "$config" ] || { echo "error: config $config not found" >&2; exit 2; }
grids=(); parallel=1; out=""; count_only=0; extra=()
while [ $# -gt 0 ]; do
  case "$1" in
    --grid) [[ "${2:-}" == *=* ]] || { echo "error: --grid needs KEY=V1,V2,..., got '${2:-}'" >&2; exit 2; }
            grids+=("$2"); shift 2 ;;
    --parallel) [[ "${2:-}" =~ ^[1-9][0-9]*$ ]] || { echo "error: --parallel needs a whole number >= 1, got '${2:-}'" >&2; exit 2; }
                parallel="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --count) count_only=1; shift ;;
    --) shift; extra=("$@"); break ;;
    -h|--help) usage ;;
    *) echo "error: unknown argument '$1'" >&2; usage ;;
  esac
done
[ ${#grids[@]} -gt 0 ] || { echo "error: give at least one --grid KEY=V1,V2" >&2; exit 2; }

# Splits a grid's value list at the commas outside brackets and braces, one value per line.
split_values() {
  local s="$1" depth=0 cur="" c i
  for ((i = 0; i < ${#s}; i++)); do
    c="${s:i:1}"
    case "$c" in
      '['|'{') depth=$((depth + 1)) ;;
      ']'|'}') depth=$((depth - 1)) ;;
    esac
    if [ "$c" = "," ] && [ "$depth" -eq 0 ]; then printf '%s\n' "$cur"; cur=""; else cur+="$c"; fi
  done
  [ "$depth" -eq 0 ] || { echo "error: unbalanced brackets in --grid value list '$s'" >&2; return 2; }
  printf '%s\n' "$cur"
}

# Cartesian product of the grids: each combination is a list of KEY=VALUE lines (values may hold
# spaces and commas, so they are passed to nnrun one argument each, never word-split).
# Each run is named after its values (name_lr0.01_batch_size64) so the compare table reads at a glance.
name="$(basename "$config" .yaml)"
combos=(""); labels=("$name")
for g in "${grids[@]}"; do
  key="${g%%=*}"
  values_text="$(split_values "${g#*=}")" || exit 2
  mapfile -t values <<< "$values_text"
  next=(); next_labels=()
  for i in "${!combos[@]}"; do for v in "${values[@]}"; do
    next+=("${combos[$i]}$key=$v"$'\n')
    next_labels+=("${labels[$i]}_${key##*.}$(printf '%s' "$v" | tr -c 'A-Za-z0-9.-' '_')")
  done; done
  combos=("${next[@]}"); labels=("${next_labels[@]}")
done
if [ "$count_only" = 1 ]; then echo "${#combos[@]}"; exit 0; fi

out="${out:-runs/sweep-$(date -u +%Y%m%d-%H%M%S)-$name}"
mkdir -p "$out"

# "--set k=v --set k2=v2" for combination $1, one array element per argument.
set_args() {
  local kv
  set_args_out=()
  while IFS= read -r kv; do [ -n "$kv" ] && set_args_out+=(--set "$kv"); done <<< "${combos[$1]}"
}

describe() { printf '%s' "${combos[$1]}" | tr '\n' ' ' | sed 's/ *$//'; }

# Runs combination $1; its log goes to $out/run-$1.log, and also to stdout when $2 is "tee".
run_one() {
  set_args "$1"
  local cmd=("$nnrun" train "$config" --runs-dir "$out" "${set_args_out[@]}" --set "name=${labels[$1]}" "${extra[@]}")
  if [ "$2" = tee ]; then
    "${cmd[@]}" 2>&1 | tee "$out/run-$1.log"
  else
    "${cmd[@]}" > "$out/run-$1.log" 2>&1
  fi
}

if [ -n "${SLURM_ARRAY_TASK_ID:-}" ]; then
  i="$SLURM_ARRAY_TASK_ID"
  if [ "$i" -ge "${#combos[@]}" ]; then
    echo "error: array task $i but the grid has only ${#combos[@]} combinations (0-$((${#combos[@]} - 1)))" >&2
    exit 2
  fi
  echo "sweep: array task $i of ${#combos[@]}: $(describe "$i")"
  status=0; run_one "$i" tee || status=$?
  [ "$status" -eq 0 ] || echo "FAILED $(describe "$i") with exit code $status (log: $out/run-$i.log)" >&2
  exit "$status"
fi

if [ -z "${NNRUN_THREADS:-}" ] && [ "$parallel" -gt 1 ]; then
  cores="${SLURM_CPUS_PER_TASK:-$(nproc)}"
  NNRUN_THREADS=$(( cores / parallel > 0 ? cores / parallel : 1 ))
  export NNRUN_THREADS
fi

# Build the jar once, not in every parallel run.
[ -f "$here/../target/nnrun.jar" ] || (cd "$here/.." && mvn -B -q -ntp package -DskipTests)
echo "sweep: ${#combos[@]} runs of $config into $out, $parallel at a time${NNRUN_THREADS:+, NNRUN_THREADS=$NNRUN_THREADS}"
statuses="$(mktemp -d)"
trap 'rm -rf "$statuses"' EXIT
sweep_one() { # $1 = combination index; the run's exit code goes to $statuses/$1
  local status=0 mode=file
  [ "$parallel" -eq 1 ] && mode=tee
  run_one "$1" "$mode" || status=$?
  echo "$status" > "$statuses/$1"
  if [ "$status" -eq 0 ]; then
    echo "done   $(describe "$1")"
  else
    echo "FAILED $(describe "$1") with exit code $status (log: $out/run-$1.log)"
    [ "$mode" = tee ] || tail -n 5 "$out/run-$1.log" | sed 's/^/       /'
  fi
}
running=0
for i in "${!combos[@]}"; do
  sweep_one "$i" &
  running=$((running + 1))
  if [ "$running" -ge "$parallel" ]; then wait -n || true; running=$((running - 1)); fi
done
wait

"$nnrun" compare "$out" > "$out/compare.md" || echo "warning: nnrun compare $out failed" >&2
cat "$out/compare.md"
for i in "${!combos[@]}"; do
  status="$(cat "$statuses/$i" 2>/dev/null || echo 4)"
  [ "$status" -eq 0 ] || exit "$status"
done
