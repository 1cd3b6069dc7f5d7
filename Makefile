# The Kafka playground. `make serve` runs the playground, `make test` runs every test.
GO ?= go
FUZZTIME ?= 10m
# Brief fuzzing in `make test` is budgeted in executions, not seconds: a time budget can run
# out while a worker is busy, which Go reports as "context deadline exceeded" and fails the
# run. These counts take about 20-30 s each on a 2-core machine.
FUZZ_EXEC_RUNS ?= 50000x
FUZZ_MURMUR2_RUNS ?= 500000x
FUZZ_ASSIGN_RUNS ?= 250000x
BENCHTIME ?= 20x

.PHONY: serve test vet fmt-check unit fuzz-short fuzz bench

# The playground. Today it is the terminal one; the browser app replaces this target when it lands.
serve:
	$(GO) run ./cmd/kafkasim

# Every test: formatting, vet, unit and scenario tests, then each fuzz target briefly.
test: fmt-check vet unit fuzz-short

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet ./...

unit:
	$(GO) test -count=1 ./...

fuzz-short:
	$(GO) test -run '^$$' -fuzz '^FuzzExec$$' -fuzztime $(FUZZ_EXEC_RUNS) -fuzzminimizetime 100x ./engine/cli
	$(GO) test -run '^$$' -fuzz '^FuzzMurmur2$$' -fuzztime $(FUZZ_MURMUR2_RUNS) -fuzzminimizetime 100x ./engine/kafkahash
	$(GO) test -run '^$$' -fuzz '^FuzzAssign$$' -fuzztime $(FUZZ_ASSIGN_RUNS) -fuzzminimizetime 100x ./engine/assign

# Long fuzzing: each target for $(FUZZTIME) (`make fuzz FUZZTIME=1h`).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzExec$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/cli
	$(GO) test -run '^$$' -fuzz '^FuzzMurmur2$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/kafkahash
	$(GO) test -run '^$$' -fuzz '^FuzzAssign$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/assign

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./engine/...
