package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// TestGenerateIsDeterministic: a seed is the whole test case. The same seed must give the same
// cluster and the same script, byte for byte, or a failure could not be replayed.
func TestGenerateIsDeterministic(t *testing.T) {
	scripts := map[string]uint64{}
	for seed := uint64(1); seed <= 50; seed++ {
		a, b := generate(seed, 1200), generate(seed, 1200)
		require.Equal(t, a, b, "seed %d", seed)
		text := script(a.Stmts)
		prev, dup := scripts[text]
		require.False(t, dup, "seeds %d and %d drew the same script", prev, seed)
		scripts[text] = seed

		require.GreaterOrEqual(t, a.Brokers, 3)
		require.LessOrEqual(t, a.Brokers, 7)
		require.Contains(t, []int{1, 3, 5}, a.Controllers)
		require.NotEmpty(t, a.Topics)
		var ticks int64
		for _, st := range a.Stmts {
			if n, ok := tickCount(st.Line); ok {
				ticks += n
			}
			require.NotContains(t, st.Line, "\n")
		}
		require.Equal(t, int64(1200), ticks, "the safety phase is exactly -ticks long")
		// kafkasim reads the script back as the same statements.
		require.Len(t, cli.ParseScript(text), len(a.Stmts))
		for _, tp := range a.Topics {
			require.LessOrEqual(t, tp.RF, a.Brokers)
			require.LessOrEqual(t, tp.MinISR, tp.RF)
		}
	}
}

// TestRunIsDeterministic: running a seed twice gives the same outcome.
func TestRunIsDeterministic(t *testing.T) {
	r := &runner{livenessTicks: 1200}
	for _, seed := range []uint64{3, 11} {
		p := generate(seed, 600)
		a, b := r.run(p, p.Stmts, runOptions{liveness: true}), r.run(p, p.Stmts, runOptions{liveness: true})
		require.Equal(t, a, b, "seed %d", seed)
		require.Nil(t, a.Violation, "seed %d", seed)
		require.GreaterOrEqual(t, a.ConvergeTicks, int64(0))
		require.Positive(t, a.Ticks)
	}
}

// TestCleanRunEndsWithSummary: the last line is the summary, and the exit status is 0.
func TestCleanRunEndsWithSummary(t *testing.T) {
	var out, errOut strings.Builder
	code := run([]string{"-seeds", "4", "-start", "7", "-ticks", "300", "-v"}, &out, &errOut, nil)
	require.Equal(t, 0, code, out.String()+errOut.String())
	lines := strings.Split(strings.TrimRight(out.String(), "\n"), "\n")
	require.Regexp(t, `^seeds=4 ticks=\d+ faults=\d+ violations=0 lost_unsafe=\d+$`, lines[len(lines)-1])
	require.Contains(t, out.String(), "seed 7: ok brokers=")
	require.Contains(t, out.String(), "acknowledged records lost, by configuration")
}

// injectedFullLog is a deliberately broken invariant: it calls a partition of t0 with 30
// committed records a violation. Every seed's producers get there, so every seed fails.
func injectedFullLog(s *engine.Sim) []engine.Violation {
	if s.Now()%5 != 0 {
		return nil
	}
	if pv, ok := s.View().Partition("t0", 0); ok && pv.HighWatermark >= 30 {
		return []engine.Violation{{Invariant: "InjectedForTest", Tick: s.Now(), Detail: "t0-0 reached 30 records"}}
	}
	return nil
}

// TestInjectedViolationIsReported: a violation is reported with its seed, the invariant and a
// shrunk script; the summary counts it and the exit status is 1. The printed script, run the
// way the printed kafkasim command runs it, breaks the same invariant again.
func TestInjectedViolationIsReported(t *testing.T) {
	var out, errOut strings.Builder
	code := run([]string{"-seeds", "2", "-start", "5", "-ticks", "600", "-max-reports", "1"}, &out, &errOut, []check{injectedFullLog})
	text := out.String()
	require.Equal(t, 1, code, text+errOut.String())
	require.Contains(t, text, "FAIL seed=5 invariant=InjectedForTest")
	require.NotContains(t, text, "FAIL seed=6", "-max-reports 1 prints one script")
	require.Regexp(t, `shrunk from \d+ to \d+ statements`, text)
	lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
	require.Regexp(t, `^seeds=2 ticks=\d+ faults=\d+ violations=2 lost_unsafe=\d+$`, lines[len(lines)-1])
	require.Contains(t, text, "violations of InjectedForTest: 2")

	m := regexp.MustCompile(`replay: go run ./cmd/kafkasim --seed (\d+) --brokers (\d+) --controllers (\d+) --keep-going`).FindStringSubmatch(text)
	require.NotNil(t, m, text)
	var seed uint64
	var brokers, controllers int
	_, err := fmt.Sscan(m[1]+" "+m[2]+" "+m[3], &seed, &brokers, &controllers)
	require.NoError(t, err)
	var repro strings.Builder
	inScript := false
	for _, line := range lines {
		switch {
		case strings.HasSuffix(line, "with repro.kafka:"):
			inScript = true
		case inScript && strings.HasPrefix(line, "    "):
			repro.WriteString(strings.TrimPrefix(line, "    ") + "\n")
		case inScript:
			inScript = false
		}
	}
	require.Contains(t, repro.String(), "producer add", "the shrunk script keeps what the failure needs")
	require.NotContains(t, repro.String(), "consumer add", "and drops what it does not")

	cfg := engine.DefaultConfig()
	cfg.Seed, cfg.Brokers, cfg.Controllers = seed, brokers, controllers
	sh, err := cli.New(cfg)
	require.NoError(t, err)
	fired := false
	sh.Sim().SetObserver(func(s *engine.Sim) { fired = fired || len(injectedFullLog(s)) > 0 })
	_ = sh.Run(repro.String(), io.Discard, cli.Options{KeepGoing: true})
	require.True(t, fired, "the printed script does not reproduce the violation:\n%s", repro.String())
}

// TestLivenessFailureIsReported: a cluster that cannot converge in the bound is a violation.
// One tick is too short for any cluster that had a fault to recover.
func TestLivenessFailureIsReported(t *testing.T) {
	var out, errOut strings.Builder
	code := run([]string{"-seeds", "1", "-start", "2", "-ticks", "300", "-liveness-ticks", "1", "-shrink", "0"}, &out, &errOut, nil)
	require.Equal(t, 1, code, out.String())
	require.Contains(t, out.String(), "FAIL seed=2 invariant=Liveness")
	require.Contains(t, out.String(), "# liveness: everything is repaired")
}

func TestBadArguments(t *testing.T) {
	for _, args := range [][]string{{"-seeds", "0"}, {"-ticks", "0"}, {"extra"}, {"-liveness-ticks", "-5"}, {"-nope"}} {
		var out, errOut strings.Builder
		require.Equal(t, 2, run(args, &out, &errOut, nil), "%v", args)
		require.NotEmpty(t, errOut.String(), "%v", args)
	}
}

func TestMergeTicks(t *testing.T) {
	got := mergeTicks([]stmt{{Line: "tick 5"}, {Line: "tick 7"}, {Line: "broker kill 1"}, {Line: "tick 3"}, {Line: "tick 2s"}, {Line: "tick 1"}})
	require.Equal(t, []stmt{{Line: "tick 12"}, {Line: "broker kill 1"}, {Line: "tick 3"}, {Line: "tick 2s"}, {Line: "tick 1"}}, got)
}

// TestRepairs: the liveness phase repairs exactly what the statements left broken, following
// them the way the engine does (a command that does not fit the state changes nothing).
func TestRepairs(t *testing.T) {
	fs := newFaultState(4, 3)
	for _, line := range []string{
		"broker kill 1", "broker start 1", "broker isolate 2", "broker slow 3", "broker stop 4",
		"controller isolate 1001", "controller kill 1002",
		"consumer add c0 --group g0 --topic t0", "consumer add c1 --group g0 --topic t0",
		"consumer slow c0", "consumer slow c1", "consumer kill c1", "consumer add c1 --group g0 --topic t0",
	} {
		fs.apply(line)
	}
	var got []string
	for _, st := range fs.repairs() {
		got = append(got, st.Line)
	}
	require.Equal(t, []string{"broker heal 2", "broker heal 3", "broker start 4", "controller heal 1001", "controller start 1002", "consumer resume c0"}, got)
}
