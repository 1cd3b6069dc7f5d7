package cli

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
)

// fuzzBudget bounds the work one fuzz input may cause, in ticks weighted by the size of the
// cluster and the records it appends: `tick 1000000`, a topic with 1000 partitions and a
// producer at 100000 records a second are all valid, but a fuzzer that spends seconds or
// gigabytes on one input finds little else. An input over the budget is skipped, not failed.
// The measure is simulated work, never wall-clock time, so a run is reproducible.
const fuzzBudget = 20_000

// errFuzzBudget is what the fuzz target's observer panics with when the budget runs out;
// Exec turns the panic into an "internal error" that names it, which the target recognises.
const errFuzzBudget = "fuzz: work budget exhausted"

// FuzzExec feeds arbitrary scripts to the parser and the shell, on a fresh small cluster for
// every input. Whatever a learner types, Exec must not panic (it would report "internal
// error"), and a command that fails must leave the cluster exactly as it was (Result.Err says
// the command could not run; a half-run command would make the error message a lie).
// The seed corpus in testdata/fuzz/FuzzExec has every command and the usual mistakes;
// run longer with: go test ./engine/cli -run '^$' -fuzz FuzzExec -fuzztime 10m
func FuzzExec(f *testing.F) {
	f.Add("kafka-topics --bootstrap-server localhost:9092 --create --topic t --partitions 2 --replication-factor 3\n" +
		"kafka-console-producer --topic t\na\nb\n\nkafka-console-consumer --topic t --from-beginning\n")
	f.Fuzz(func(t *testing.T, script string) {
		sh, err := New(engine.DefaultConfig())
		if err != nil {
			t.Fatal(err)
		}
		work, perTick := 0, 1
		var watched *engine.Sim
		var seen int64 // events already counted
		for _, st := range ParseScript(script) {
			if sim := sh.Sim(); sim != watched { // seed and reset replace the simulation
				watched, seen = sim, 0
				sim.SetObserver(func(s *engine.Sim) {
					work += perTick
					for _, e := range s.EventsSince(seen) {
						work += len(e.Offsets) / 4 // records appended
					}
					if seen = int64(len(s.Events())); work > fuzzBudget {
						panic(errFuzzBudget)
					}
				})
			}
			v := sh.Sim().View()
			perTick = 1
			for _, tv := range v.Topics {
				perTick += len(tv.Partitions) * tv.ReplicationFactor / 8
			}
			before, snapshot := marshalView(t, v), sh.Sim().Clone()
			res := sh.Exec(st.Text, st.Input)
			if res.Err == nil {
				continue
			}
			msg := res.Err.Error()
			if strings.Contains(msg, errFuzzBudget) {
				t.Skip("the input does more work than the budget allows")
			}
			if strings.HasPrefix(msg, "internal error") {
				t.Fatalf("line %d: %q (input %q): %v", st.Line, st.Text, st.Input, res.Err)
			}
			if after := marshalView(t, sh.Sim().View()); !bytes.Equal(before, after) {
				t.Fatalf("line %d: %q (input %q) failed with %q but changed the cluster:\n%s",
					st.Line, st.Text, st.Input, msg, firstDifference(before, after))
			}
			// State the View does not show (the PRNG, id counters) must be untouched too: run
			// the same probe on a copy from before the command and on one from after it.
			if a, b := probe(t, snapshot), probe(t, sh.Sim().Clone()); !bytes.Equal(a, b) {
				t.Fatalf("line %d: %q (input %q) failed with %q but left something behind that shows later:\n%s",
					st.Line, st.Text, st.Input, msg, firstDifference(a, b))
			}
		}
	})
}

// probe runs commands that draw on the PRNG (replica placement, topic ids) and on the
// producer and record id counters, on a copy of a simulation, and returns the View after them.
func probe(t *testing.T, sim *engine.Sim) []byte {
	t.Helper()
	sim.SetObserver(nil)
	sh := FromSim(sim)
	sh.Exec("kafka-topics --create --topic fuzz-probe --partitions 3 --replication-factor 1", nil)
	sh.Exec("kafka-console-producer --topic fuzz-probe --producer-property linger.ms=0 --producer-property delivery.timeout.ms=500", []string{"p"})
	return marshalView(t, sim.View())
}

func marshalView(t *testing.T, v engine.View) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// firstDifference shows where two JSON documents part, with some context.
func firstDifference(a, b []byte) string {
	i := 0
	for i < len(a) && i < len(b) && a[i] == b[i] {
		i++
	}
	from := max(0, i-150)
	return "before …" + string(a[from:min(len(a), i+150)]) + "\nafter  …" + string(b[from:min(len(b), i+150)])
}
