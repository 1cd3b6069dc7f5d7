# The Kafka playground. `make serve` runs the playground, `make test` runs every test.
GO ?= go
FUZZTIME ?= 30s
BENCHTIME ?= 3x

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

# Each fuzz target for $(FUZZTIME); run them longer with `make fuzz FUZZTIME=10m`. Minimising
# a new input is capped at 100 runs so that it does not eat the whole budget.
fuzz-short fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzExec$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/cli
	$(GO) test -run '^$$' -fuzz '^FuzzMurmur2$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/kafkahash
	$(GO) test -run '^$$' -fuzz '^FuzzAssign$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/assign

bench:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./engine/...
