#!/usr/bin/env bash
# Runs the recipes of docs/slurm.md on a real Slurm and checks what a user would check. make test
# runs it when `sinfo` answers; .ci/run starts a one-node Slurm for it (.ci/slurm-local).
#
#   scripts/slurm_test.sh [CASE...]      CASE: array, failure, resources, requeue (default: all)
#
#   array    a job-array sweep (scripts/sweep.sh, one task per combination, a list value in the
#            grid): every task COMPLETED on its --cpus-per-task threads, its training log in its
#            slurm-*.out, one compare table.
#   failure  a sweep with a bad value: that task FAILED with nnrun's exit code, the others COMPLETED.
#   resources  a job with --mem=600 --cpus-per-task=2: nnrun's heap is 75% of 600 MiB, 2 threads.
#   requeue  scripts/slurm_train.sbatch under a 1-minute limit: SIGUSR1 to the script before the
#            limit, nnrun stopped with SIGTERM checkpoints, the job is requeued and continues in the
#            same run folder, and ends with the metrics and weights of an uninterrupted run, bit for
#            bit. Needs `nnrun train --run-dir` (resume when the folder holds a checkpoint).
#
# Exit code: 0 when every case passed, 1 otherwise. Work files stay in the printed folder.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$(pwd)"
cases=("$@")
[ ${#cases[@]} -gt 0 ] || cases=(array failure resources requeue)

if ! sinfo -h >/dev/null 2>&1; then
  echo "slurm_test: no Slurm here (sinfo does not answer); .ci/run starts a local one (.ci/slurm-local)" >&2
  exit 1
fi
work="$(mktemp -d /tmp/nnrun-slurm-test.XXXXXX)"
echo "slurm_test: work folder $work"
# Every job runs the jar built from this checkout, built once before any job starts.
${MVN:-mvn -B -ntp} -q package -DskipTests
nnrun="$repo/scripts/nnrun"
config=configs/demo_spirals.yaml

# Each case runs in a subshell: a failed check ends its case, not the whole test.
fail() { echo "slurm_test: $case: FAIL: $*" >&2; exit 1; }

# Field of `scontrol show job`, e.g. job_field 12_1 JobState.
job_field() { scontrol show job "$1" | tr ' ' '\n' | sed -n "s/^$2=//p" | head -n 1; }

# Waits until job $1 has ended for good (not requeued), at most $2 seconds.
await_job() {
  local state
  for _ in $(seq "$2"); do
    state="$(job_field "$1" JobState)"
    case "$state" in COMPLETED|FAILED|CANCELLED|TIMEOUT|OUT_OF_MEMORY|NODE_FAIL|PREEMPTED|BOOT_FAIL|DEADLINE) return 0 ;; esac
    sleep 1
  done
  fail "job $1 still $state after $2 s"
}

case_array() {
  local grid=(--grid optimizer.lr=0.01,0.02 --grid 'optimizer.betas=[0.9,0.99]') n job t
  n="$(scripts/sweep.sh "$config" "${grid[@]}" --count)"
  [ "$n" = 2 ] || fail "sweep.sh --count says $n combinations, expected 2 (a list value is one value)"
  job="$(sbatch --parsable --wait --array=0-$((n - 1)) --cpus-per-task=1 -o "$work/array-%a.out" \
    --wrap "scripts/sweep.sh $config --grid optimizer.lr=0.01,0.02 --grid 'optimizer.betas=[0.9,0.99]' --out $work/sweep -- --set train.epochs=3")" \
    || fail "sbatch --wait reports a failed task (see $work/array-*.out)"
  for t in 0 1; do
    [ "$(job_field "${job}_$t" JobState)" = COMPLETED ] || fail "task $t is $(job_field "${job}_$t" JobState), expected COMPLETED"
    grep -q "^epoch 3/3" "$work/array-$t.out" || fail "task $t's training log is not in its slurm output $work/array-$t.out"
    grep -q "1 thread (SLURM_CPUS_PER_TASK=1)" "$work/array-$t.out" || fail "task $t does not run on the 1 CPU it was given"
  done
  grep -q "betas: \[0.9, 0.99\]" "$work"/sweep/*/config.yaml || fail "the list value did not reach the run's config"
  [ "$("$nnrun" compare "$work/sweep" --format csv 2>/dev/null | wc -l)" = 3 ] \
    || fail "nnrun compare $work/sweep does not list the two runs"
}

case_failure() {
  local job status=0
  job="$(sbatch --parsable --wait --array=0-1 --cpus-per-task=1 -o "$work/failure-%a.out" \
    --wrap "scripts/sweep.sh $config --grid optimizer.name=adam,no_such_optimizer --out $work/failing-sweep -- --set train.epochs=2")" \
    || status=$?
  [ "$status" -ne 0 ] || fail "sbatch --wait says the array succeeded although one task has a bad optimizer"
  [ "$(job_field "${job}_0" JobState)" = COMPLETED ] || fail "the good task is $(job_field "${job}_0" JobState), expected COMPLETED"
  [ "$(job_field "${job}_1" JobState)" = FAILED ] || fail "the bad task is $(job_field "${job}_1" JobState), expected FAILED"
  [ "$(job_field "${job}_1" ExitCode)" = 2:0 ] || fail "the bad task's exit code is $(job_field "${job}_1" ExitCode), expected 2:0 (config error)"
  grep -q 'unknown optimizer "no_such_optimizer"' "$work/failure-1.out" || fail "the config error is not in $work/failure-1.out"
}

case_resources() {
  local heap
  sbatch --wait --mem=600 --cpus-per-task=2 -o "$work/resources.out" --wrap "scripts/nnrun devices" >/dev/null \
    || fail "nnrun devices failed in a job: $work/resources.out"
  grep -q "2 threads (SLURM_CPUS_PER_TASK=2)" "$work/resources.out" || fail "the job's 2 CPUs are not the java device's threads: $work/resources.out"
  heap="$(sed -n 's/^JVM heap: up to \([0-9]*\) MiB$/\1/p' "$work/resources.out")"
  [ -n "$heap" ] && [ "$heap" -gt 300 ] && [ "$heap" -le 450 ] \
    || fail "the heap is '${heap}' MiB, expected 75% of the job's 600 MiB (the GC keeps a little of it back): $work/resources.out"
}

# The weights in a checkpoint: its bytes between the JSON header (which holds wall times) and the
# CRC. Layout (nnrun.run.Checkpoint): "NNRUNCKP", int version, int header length, header, tensors, long CRC.
checkpoint_tensors() {
  local header size
  header="$(od -An -tu4 --endian=big -j12 -N4 "$1" | tr -d ' ')"
  size="$(stat -c %s "$1")"
  tail -c +$((17 + header)) "$1" | head -c $((size - 16 - header - 8))
}

case_requeue() {
  local train=(--set data.n=20000 --set model.0.linear.out=256 --set model.2.linear.out=256) epoch_s epochs job
  # Slurm checks limits every 30 s, so --signal=B:USR1@50 comes 10-40 s into a 1-minute job and
  # the hard limit 60-90 s in. Sized by this machine's speed for about 130 s, the run outlasts the
  # warning on any machine, and a warning that does not stop it ends in TIMEOUT, not COMPLETED.
  NNRUN_THREADS=1 "$nnrun" train "$config" "${train[@]}" --set train.epochs=2 --runs-dir "$work/timing" > "$work/timing.log" 2>&1 \
    || fail "the timing run failed: $work/timing.log"
  epoch_s="$(awk -F, '$1 == 2 { s += $6 } END { print s }' "$work"/timing/*/metrics.csv)"
  epochs="$(awk -v s="$epoch_s" 'BEGIN { e = int(130 / s) + 1; print (e < 3 ? 3 : e) }')"
  train+=(--set train.epochs="$epochs")
  echo "slurm_test: requeue: $epochs epochs of ${epoch_s}s"

  job="$(sbatch --parsable --time=1 --signal=B:USR1@50 --cpus-per-task=1 -o "$work/requeue.out" \
    scripts/slurm_train.sbatch "$config" "$work/requeued" "${train[@]}")"
  # The uninterrupted run on the other core meanwhile, with the thread count the job has.
  NNRUN_THREADS=1 "$nnrun" train "$config" "${train[@]}" --runs-dir "$work/uninterrupted" > "$work/uninterrupted.log" 2>&1 \
    || fail "the uninterrupted run failed: $work/uninterrupted.log"
  # One requeue is the point; after it, a longer limit lets the rest finish without more rounds.
  local state
  for _ in $(seq 120); do
    [ "$(job_field "$job" Restarts)" -ge 1 ] && break
    state="$(job_field "$job" JobState)"
    case "$state" in PENDING|RUNNING|REQUEUED|COMPLETING) sleep 1 ;;
      *) fail "the job ended $state (exit $(job_field "$job" ExitCode)) without a requeue; see $work/requeue.out" ;; esac
  done
  [ "$(job_field "$job" Restarts)" -ge 1 ] || fail "the job was not requeued within 2 minutes; see $work/requeue.out"
  scontrol update JobId="$job" TimeLimit=5
  await_job "$job" 300
  [ "$(job_field "$job" JobState)" = COMPLETED ] \
    || fail "the job is $(job_field "$job" JobState) (exit $(job_field "$job" ExitCode)), expected COMPLETED; see $work/requeue.out"
  grep -q "requeueing job $job" "$work/requeue.out" || fail "$work/requeue.out does not show the requeue"
  grep -q "resuming" "$work/requeue.out" || fail "the requeued job started over instead of resuming; see $work/requeue.out"

  local whole requeued
  whole="$(echo "$work"/uninterrupted/*/)"; requeued="$work/requeued"
  grep -q '"status" : "completed"' "$requeued/summary.json" || fail "$requeued/summary.json does not say completed"
  # Metrics bit for bit, without the timing columns (seconds, samples/s).
  cmp -s <(cut -d, -f1-5 "$whole/metrics.csv") <(cut -d, -f1-5 "$requeued/metrics.csv") \
    || fail "metrics differ from the uninterrupted run: diff <(cut -d, -f1-5 $whole/metrics.csv) <(cut -d, -f1-5 $requeued/metrics.csv)"
  local field
  for field in finalTestLoss finalTestError finalTrainLoss testError testLoss epoch epochs; do
    [ "$(grep "\"$field\"" "$whole/summary.json")" = "$(grep "\"$field\"" "$requeued/summary.json")" ] \
      || fail "summary.json's $field differs from the uninterrupted run's"
  done
  cmp -s <(checkpoint_tensors "$whole/checkpoints/last.ckpt") <(checkpoint_tensors "$requeued/checkpoints/last.ckpt") \
    || fail "the final weights differ from the uninterrupted run's"
}

failed=()
for case in "${cases[@]}"; do
  declare -F "case_$case" >/dev/null || { echo "slurm_test: unknown case '$case' (array, failure, resources, requeue)" >&2; exit 2; }
  start=$SECONDS
  set +e; ( set -e; "case_$case" ); status=$?; set -e
  if [ "$status" -eq 0 ]; then echo "slurm_test: $case: ok ($((SECONDS - start)) s)"; else failed+=("$case"); fi
done
[ ${#failed[@]} -eq 0 ] || { echo "slurm_test: failed: ${failed[*]} (work files in $work)" >&2; exit 1; }
echo "slurm_test: all passed"
