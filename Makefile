# The Kafka playground. `make serve` runs the playground, `make test` runs every test.
GO ?= go
FUZZTIME ?= 10m
# Brief fuzzing in `make test` is budgeted in executions, not seconds: a time budget can run
# out while a worker is busy, which Go reports as "context deadline exceeded" and fails the
# run. These counts take about 20-30 s each on a 2-core machine.
FUZZ_EXEC_RUNS ?= 50000x
FUZZ_MURMUR2_RUNS ?= 500000x
FUZZ_ASSIGN_RUNS ?= 250000x
FUZZ_WEB_RUNS ?= 50000x
FUZZ_SESSION_RUNS ?= 300000x
BENCHTIME ?= 20x

# The browser site is built here by `make site` (development) and into dist/ by `make dist`.
SITE ?= build/site
ADDR ?= 127.0.0.1:8080
VUGU_DIR = $(shell $(GO) list -m -f '{{.Dir}}' github.com/vugu/vugu)
# The wasm binary is built without inlining, except in the runtime (and the map and sync code
# under it) and in the engine, whose tick loop is the hot path. Inlining copies function bodies
# into their callers; in the UI glue (Vugu's generated Build methods and renderer, fmt,
# encoding/json, the command parser, lessons, sessions, the what-if comparison, the lanes
# scene) that buys nothing a learner notices and costs about 100 KB of the brotli download.
# `make bench-web` measures the frame times and seeks with these flags.
PKG = github.com/kafka-playground/playground
WASM_GCFLAGS ?= -gcflags=all=-l -gcflags=runtime/...= -gcflags=internal/runtime/...= -gcflags=internal/abi= \
	-gcflags=sync/...= -gcflags=$(PKG)/engine=

.PHONY: serve terminal generate generate-check site dist test vet fmt-check unit fuzz-short fuzz bench bench-go

# The browser playground at http://localhost:8080 (rebuilt from source on every start).
serve: site
	$(GO) run ./cmd/playserver -dev -dir $(SITE) -addr $(ADDR)

# The terminal playground.
terminal:
	$(GO) run ./cmd/kafkasim

# Vugu components (web/*.vugu) to Go (web/*_gen.go). The generated files are committed, so
# plain `go build ./...` works; this keeps them current and gofmt-clean.
generate:
	cd web && $(GO) tool vugugen -skip-go-mod -skip-main .
	gofmt -w web/*_gen.go
	$(GO) generate ./lessons

# The site: the wasm binary, Go's wasm_exec.js (it must match the Go that built the binary),
# Vugu's renderer helper (loaded as a file so the CSP needs no 'unsafe-eval') and the static files.
site: generate
	rm -rf $(SITE)
	mkdir -p $(SITE)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w" $(WASM_GCFLAGS) -o $(SITE)/main.wasm ./wasm
	cp "$$($(GO) env GOROOT)/lib/wasm/wasm_exec.js" $(SITE)/wasm_exec.js
	$(GO) run ./cmd/playserver vuguhelper -src "$(VUGU_DIR)/domrender/renderer-js-script.go" -o $(SITE)/vugu-render.js
	cp web/static/* $(SITE)/
	chmod u+w $(SITE)/*

# The production site in dist/: content-hashed names and precompressed .br/.gz siblings, served
# by `go run ./cmd/playserver -dir dist` on a classroom LAN or published by Netlify.
dist:
	$(MAKE) site SITE=dist
	$(GO) run ./cmd/playserver pack -dir dist

# Every test: generated code current, formatting, vet, unit and scenario tests (lessons
# included), each fuzz target briefly, a few hundred simcheck seeds, then the browser
# end-to-end tests in headless Chromium (installed when missing, never skipped).
test: generate-check fmt-check vet unit fuzz-short simcheck-short e2e

# The generated files are committed; regenerating must not change them.
generate-check:
	@before=$$(cat web/*_gen.go lessons/compiled.json 2>/dev/null | sha256sum); \
	$(MAKE) --no-print-directory generate >/dev/null; \
	after=$$(cat web/*_gen.go lessons/compiled.json 2>/dev/null | sha256sum); \
	if [ "$$before" != "$$after" ]; then echo "generated files were stale (make generate, then commit them)"; exit 1; fi

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

# The browser entry point builds only for js/wasm, so it is vetted for it (with what it imports).
vet:
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm

unit:
	$(GO) test -count=1 ./...

fuzz-short:
	$(GO) test -run '^$$' -fuzz '^FuzzExec$$' -fuzztime $(FUZZ_EXEC_RUNS) -fuzzminimizetime 100x ./engine/cli
	$(GO) test -run '^$$' -fuzz '^FuzzMurmur2$$' -fuzztime $(FUZZ_MURMUR2_RUNS) -fuzzminimizetime 100x ./engine/kafkahash
	$(GO) test -run '^$$' -fuzz '^FuzzAssign$$' -fuzztime $(FUZZ_ASSIGN_RUNS) -fuzzminimizetime 100x ./engine/assign
	$(GO) test -run '^$$' -fuzz '^FuzzComplete$$' -fuzztime $(FUZZ_WEB_RUNS) -fuzzminimizetime 100x ./web/model
	$(GO) test -run '^$$' -fuzz '^FuzzQuote$$' -fuzztime $(FUZZ_WEB_RUNS) -fuzzminimizetime 100x ./web/model
	$(GO) test -run '^$$' -fuzz '^FuzzLoadProgress$$' -fuzztime $(FUZZ_WEB_RUNS) -fuzzminimizetime 100x ./web
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeFile$$' -fuzztime $(FUZZ_SESSION_RUNS) -fuzzminimizetime 100x ./engine/session
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeLink$$' -fuzztime $(FUZZ_SESSION_RUNS) -fuzzminimizetime 100x ./engine/session
	$(GO) test -run '^$$' -fuzz '^FuzzImportScript$$' -fuzztime $(FUZZ_SESSION_RUNS) -fuzzminimizetime 100x ./engine/session

# Long fuzzing: each target for $(FUZZTIME) (`make fuzz FUZZTIME=1h`).
fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzExec$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/cli
	$(GO) test -run '^$$' -fuzz '^FuzzMurmur2$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/kafkahash
	$(GO) test -run '^$$' -fuzz '^FuzzAssign$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/assign
	$(GO) test -run '^$$' -fuzz '^FuzzComplete$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./web/model
	$(GO) test -run '^$$' -fuzz '^FuzzQuote$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./web/model
	$(GO) test -run '^$$' -fuzz '^FuzzLoadProgress$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./web
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeFile$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/session
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeLink$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/session
	$(GO) test -run '^$$' -fuzz '^FuzzImportScript$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./engine/session

# Every benchmark: the Go ones (engine, lanes, invariant checker), then the browser's
# (transfer size, time to the first drawn cluster, frame times).
bench: bench-go bench-web

bench-go:
	$(GO) test -run '^$$' -bench . -benchmem -benchtime $(BENCHTIME) ./engine/... ./web/...

# --- browser tests (e2e in headless Chromium, and the web benchmark) ---
# Both need Debian's Chromium (installed when root, else a clear error) and playwright-core from
# web/e2e/package-lock.json; neither downloads a browser. They run against the production site.
E2E_DIR = web/e2e
# One file or a pattern: make e2e E2E_TESTS=console.test.mjs (see web/e2e/README.md).
E2E_TESTS ?= *.test.mjs
E2E_TEST_TIMEOUT_MS ?= 180000

.PHONY: e2e bench-web

# End-to-end tests in headless Chromium; a failing test leaves a screenshot, the page's HTML and
# its console in build/e2e-artifacts/.
e2e:
	bash $(E2E_DIR)/ensure-chromium.sh
	cd $(E2E_DIR) && npm ci --no-audit --no-fund
	$(MAKE) dist
	rm -rf build/e2e-artifacts
	cd $(E2E_DIR) && node --test --test-reporter=spec --test-concurrency=1 --test-timeout=$(E2E_TEST_TIMEOUT_MS) $(E2E_TESTS)

# Transfer size, time to the first drawn cluster and frame times; prints a table for the README.
bench-web:
	bash $(E2E_DIR)/ensure-chromium.sh
	cd $(E2E_DIR) && npm ci --no-audit --no-fund
	$(MAKE) dist
	cd $(E2E_DIR) && node bench.mjs

# --- lessons (issue 5) ---
# `go test ./lessons/...` plays every lesson (see lessons/README.md). These add the loader's fuzz
# target to `make test` and `make fuzz`, and write each lesson's transcript for authors to read.
FUZZ_PARSE_RUNS ?= 100000x
LESSON_TRANSCRIPTS ?= build/lesson-transcripts

.PHONY: lessons-fuzz-short lessons-fuzz lessons-transcripts

test: lessons-fuzz-short
fuzz: lessons-fuzz

lessons-fuzz-short:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZ_PARSE_RUNS) -fuzzminimizetime 100x ./lessons

lessons-fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParse$$' -fuzztime $(FUZZTIME) -fuzzminimizetime 100x ./lessons

# Every command of every lesson with its output and events, one file per lesson.
lessons-transcripts:
	$(GO) test -count=1 -run '^TestEveryLessonPlays$$' ./lessons -transcripts $(abspath $(LESSON_TRANSCRIPTS))

# --- simcheck (issue 7) ---
# Deterministic simulation testing: every seed draws a cluster, a workload and a fault
# schedule, checks every invariant after every tick, then repairs everything and requires
# convergence. The last line is `seeds=N ticks=T faults=F violations=V lost_unsafe=L`; any
# violation fails the target and prints the seed with a shrunk kafkasim script.
# SIMCHECK_SHORT_SEEDS takes about 15 s of CPU per 300 seeds on the 2-core machine.
SEEDS ?= 10000
SIMCHECK_SHORT_SEEDS ?= 500
SIMCHECK_FLAGS ?=

.PHONY: simcheck simcheck-short

simcheck:
	$(GO) run ./cmd/simcheck -seeds $(SEEDS) $(SIMCHECK_FLAGS)

simcheck-short:
	$(GO) run ./cmd/simcheck -seeds $(SIMCHECK_SHORT_SEEDS) $(SIMCHECK_FLAGS)
