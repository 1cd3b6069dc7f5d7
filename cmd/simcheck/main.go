// Command simcheck is the playground's deterministic simulation tester, in the manner of
// TigerBeetle's VOPR and FoundationDB's simulator. For each seed it draws a cluster (3 to 7
// brokers, topics with their replication factor, min.insync.replicas, acks and unclean leader
// election, consumer groups with their assignors), a workload (keyed and keyless producers,
// committing group consumers) and a fault schedule (broker kill, stop, start, isolate, heal and
// slow, controller faults, consumer crashes and stalls), all in the command language. It runs a
// safety phase with the faults, checking every engine invariant after every tick, then a
// liveness phase that repairs everything and requires the cluster to converge within a bound.
//
// Acknowledged records lost under settings Kafka does not make safe (acks=0 or 1, unclean
// election, min.insync.replicas=1) are counted by configuration, not failed: the table shows
// which settings lose data and how often. A loss under acks=all, min.insync.replicas>=2 and
// unclean election off is a violation.
//
// A violation prints the seed, the invariant and a shrunk kafkasim script that replays it.
// The last line is always the summary, and the exit status is 1 when there was a violation:
//
//	seeds=N ticks=T faults=F violations=V lost_unsafe=L
//
// Usage:
//
//	simcheck -seeds 300                         seeds 1..300
//	simcheck -seeds 1 -start 4242 -v -script    one seed: its outcome and its script
//	simcheck -seeds 10000 -repro /tmp           failing scripts also go to /tmp/simcheck-seed-N.kafka
package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kafka-playground/playground/engine"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr, nil))
}

// tickMs is the length of a tick: kafkasim's, since a failure is replayed there.
var tickMs = engine.DefaultConfig().TickMs

// config is the command line.
type config struct {
	seeds, start        uint64
	safetyTicks         int64
	livenessTicks       int64
	workers             int
	verbose             bool
	printScripts        bool
	shrinkRuns          int
	reproDir            string
	maxReportViolations int
}

func parseArgs(args []string, stderr io.Writer) (config, error) {
	fs := flag.NewFlagSet("simcheck", flag.ContinueOnError)
	fs.SetOutput(stderr)
	c := config{}
	fs.Uint64Var(&c.seeds, "seeds", 100, "number of seeds to run")
	fs.Uint64Var(&c.start, "start", 1, "first seed")
	fs.Int64Var(&c.safetyTicks, "ticks", 1200, "length of each seed's safety phase, in ticks of 100 ms")
	fs.Int64Var(&c.livenessTicks, "liveness-ticks", 1200, "bound on convergence after every fault is repaired, in ticks of 100 ms")
	fs.IntVar(&c.workers, "workers", runtime.GOMAXPROCS(0), "seeds run in parallel")
	fs.BoolVar(&c.verbose, "v", false, "print every seed's outcome")
	fs.BoolVar(&c.printScripts, "script", false, "print every seed's script, as kafkasim runs it")
	fs.IntVar(&c.shrinkRuns, "shrink", 300, "at most this many runs to shrink a failing script (0: do not shrink)")
	fs.StringVar(&c.reproDir, "repro", "", "also write each failing script to DIR/simcheck-seed-N.kafka")
	fs.IntVar(&c.maxReportViolations, "max-reports", 5, "print scripts for at most this many failing seeds")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "usage: simcheck [-seeds N] [-start S] [-ticks T] [-v] [-script]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return c, err
	}
	switch {
	case fs.NArg() > 0:
		return c, fmt.Errorf("unexpected argument %q", fs.Arg(0))
	case c.seeds == 0:
		return c, errors.New("-seeds must be at least 1")
	case c.safetyTicks < 1 || c.safetyTicks > 1_000_000:
		return c, errors.New("-ticks must be between 1 and 1000000")
	case c.livenessTicks < 1 || c.livenessTicks > 1_000_000:
		return c, errors.New("-liveness-ticks must be between 1 and 1000000")
	case c.start+c.seeds-1 < c.start:
		return c, errors.New("-start plus -seeds overflows")
	}
	c.workers = max(1, c.workers)
	return c, nil
}

// seedResult is one seed's plan and outcome.
type seedResult struct {
	plan plan
	out  outcome
}

// run is main without the process: tests call it with extra checks.
func run(args []string, stdout, stderr io.Writer, extra []check) int {
	c, err := parseArgs(args, stderr)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintf(stderr, "simcheck: %v\n", err)
		return 2
	}
	r := &runner{livenessTicks: c.livenessTicks, extra: extra}
	began := time.Now()
	// Workers run seeds in any order; results are reported in seed order as soon as the next
	// one is in, so that the output is the same whatever the number of workers, and a long
	// run shows its progress (with -v) and its failures as it goes.
	results := make(chan seedResult, c.workers)
	next := make(chan uint64)
	var wg sync.WaitGroup
	for w := 0; w < c.workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for seed := range next {
				p := generate(seed, c.safetyTicks)
				results <- seedResult{plan: p, out: r.run(p, p.Stmts, runOptions{liveness: true})}
			}
		}()
	}
	go func() {
		for i := uint64(0); i < c.seeds; i++ {
			next <- c.start + i
		}
		close(next)
		wg.Wait()
		close(results)
	}()

	total := report{losses: map[lossClass]*lossTally{}}
	reported := 0
	pending := map[uint64]seedResult{}
	want := c.start
	for res := range results {
		pending[res.plan.Seed] = res
		for {
			res, ok := pending[want]
			if !ok {
				break
			}
			delete(pending, want)
			want++
			total.add(res)
			if c.verbose {
				printSeed(stdout, res)
			}
			if c.printScripts {
				fmt.Fprintf(stdout, "# seed %d: %s\n%s", res.plan.Seed, kafkasimCommand(res.plan, "script.kafka"), script(res.plan.Stmts))
			}
			if res.out.Violation != nil {
				if reported < c.maxReportViolations {
					r.printFailure(stdout, res, c)
				}
				reported++
			}
		}
	}
	total.print(stdout, time.Since(began), c.workers)
	if total.violations > 0 {
		return 1
	}
	return 0
}

// printSeed is the one-line outcome of a seed, for -v.
func printSeed(w io.Writer, res seedResult) {
	p, o := res.plan, res.out
	var topics []string
	for _, t := range p.Topics {
		topics = append(topics, fmt.Sprintf("%s(p=%d rf=%d %s)", t.Name, t.Partitions, t.RF, t.class()))
	}
	status := "ok"
	if o.Violation != nil {
		status = "VIOLATION " + o.Violation.Invariant
	}
	fmt.Fprintf(w, "seed %d: %s brokers=%d controllers=%d %s ticks=%d faults=%d errors=%d converged_after=%s lost=%d\n",
		p.Seed, status, p.Brokers, p.Controllers, strings.Join(topics, " "), o.Ticks, o.Faults, o.Errors,
		convergence(o.ConvergeTicks), o.unsafeLost())
}

func convergence(ticks int64) string {
	if ticks < 0 {
		return "-"
	}
	return engine.FormatSimTime(ticks * tickMs)
}

// printFailure prints a failing seed: the invariant, then a shrunk script and how to replay it.
func (r *runner) printFailure(w io.Writer, res seedResult, c config) {
	p, v := res.plan, res.out.Violation
	fmt.Fprintf(w, "\nFAIL seed=%d invariant=%s\n  %s\n", p.Seed, v.Invariant, v)
	stmts := p.Stmts
	if v.Stmt >= 0 && v.Stmt < len(stmts) {
		stmts = stmts[:v.Stmt+1] // nothing after the failing statement matters
	}
	final := v
	if c.shrinkRuns > 0 {
		shrunk, runs := r.shrink(p, stmts, v, c.shrinkRuns)
		shrunk = mergeTicks(shrunk)
		if o := r.run(p, shrunk, runOptions{liveness: true}); o.Violation != nil && o.Violation.Invariant == v.Invariant {
			fmt.Fprintf(w, "  shrunk from %d to %d statements in %d runs; it now fails with: %s\n", len(p.Stmts), len(shrunk), runs, o.Violation)
			stmts, final = shrunk, o.Violation
		}
	}
	scriptText := r.replay(p, stmts, final)
	cmd := kafkasimCommand(p, "repro.kafka")
	if c.reproDir != "" {
		name := filepath.Join(c.reproDir, fmt.Sprintf("simcheck-seed-%d.kafka", p.Seed))
		if err := os.WriteFile(name, []byte(scriptText), 0o644); err != nil {
			fmt.Fprintf(w, "  (could not write %s: %v)\n", name, err)
		} else {
			cmd = kafkasimCommand(p, name)
		}
	}
	fmt.Fprintf(w, "  replay: %s\n  with repro.kafka:\n", cmd)
	for _, line := range strings.Split(strings.TrimRight(scriptText, "\n"), "\n") {
		fmt.Fprintf(w, "    %s\n", line)
	}
}

// kafkasimCommand is how to replay a plan's script at the terminal: the same cluster, and
// --keep-going because a statement that could not run (a commit refused during a rebalance)
// must not stop the rest, as it did not stop simcheck.
func kafkasimCommand(p plan, file string) string {
	return fmt.Sprintf("go run ./cmd/kafkasim --seed %d --brokers %d --controllers %d --keep-going --echo --events -f %s",
		p.Seed, p.Brokers, p.Controllers, file)
}

// mergeTicks joins consecutive "tick N" statements, which shrinking leaves behind; ticking N
// then M is ticking N+M, so the run is the same.
func mergeTicks(stmts []stmt) []stmt {
	var out []stmt
	for _, s := range stmts {
		if n := len(out); n > 0 {
			a, okA := tickCount(out[n-1].Line)
			b, okB := tickCount(s.Line)
			if okA && okB {
				out[n-1].Line = fmt.Sprintf("tick %d", a+b)
				continue
			}
		}
		out = append(out, s)
	}
	return out
}

// tickCount reads "tick N" (N in ticks).
func tickCount(line string) (int64, bool) {
	w := strings.Fields(line)
	if len(w) != 2 || w[0] != "tick" {
		return 0, false
	}
	n, err := strconv.ParseInt(w[1], 10, 64)
	return n, err == nil && n >= 0
}
