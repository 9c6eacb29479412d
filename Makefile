# One entry point per job; see README.md.
MVN ?= mvn -B -ntp
CONFIG ?= configs/mnist_fcnn.yaml

.PHONY: build test run bench clean

build:
	$(MVN) -q package -DskipTests

# The Slurm recipes (docs/slurm.md) run on a real Slurm when one answers; .ci/run starts one.
test:
	$(MVN) test
	@if sinfo -h >/dev/null 2>&1; then MVN="$(MVN)" ./scripts/slurm_test.sh; \
	else echo "slurm_test: skipped: no Slurm answers (sinfo); .ci/run starts a local one (.ci/slurm-local)"; fi

run: build
	./scripts/nnrun $(CONFIG)

bench: build
	./scripts/bench.sh

clean:
	$(MVN) -q clean
