# One entry point per job; see README.md.
MVN ?= mvn -B -ntp
CONFIG ?= configs/mnist_fcnn.yaml

.PHONY: build test run bench clean

build:
	$(MVN) -q package -DskipTests

test:
	$(MVN) test

run: build
	./scripts/nnrun $(CONFIG)

bench: build
	./scripts/bench.sh

clean:
	$(MVN) -q clean
