package cli

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/cockroachdb/datadriven"
	"github.com/kafka-playground/playground/engine"
)

// TestScenarios runs the stories in testdata/scenarios. Each file is a datadriven script:
//
//	new [seed=N] [brokers=N] [controllers=N]   start a fresh cluster
//	run [quiet]                                run the command-language script in the input;
//	                                           print its output, errors and (unless quiet) events
//	state                                      DescribeView of the cluster
//
// Every invariant is checked after every tick and every command; a violation fails the test
// with the seed. Rewrite goldens with: go test ./engine/cli -run TestScenarios -rewrite
func TestScenarios(t *testing.T) {
	datadriven.Walk(t, "testdata/scenarios", func(t *testing.T, path string) {
		var sh *Shell
		var watched *engine.Sim
		datadriven.RunTest(t, path, func(t *testing.T, d *datadriven.TestData) string {
			switch d.Cmd {
			case "new":
				cfg := engine.DefaultConfig()
				for _, a := range d.CmdArgs {
					n, err := strconv.Atoi(a.Vals[0])
					if err != nil {
						d.Fatalf(t, "bad %s: %v", a.Key, err)
					}
					switch a.Key {
					case "seed":
						cfg.Seed = uint64(n)
					case "brokers":
						cfg.Brokers = n
					case "controllers":
						cfg.Controllers = n
					default:
						d.Fatalf(t, "unknown argument %s", a.Key)
					}
				}
				var err error
				if sh, err = New(cfg); err != nil {
					d.Fatalf(t, "%v", err)
				}
				watched = watchInvariants(t, d, sh)
				return ""
			case "run":
				if sh == nil {
					d.Fatalf(t, "run before new")
				}
				var b strings.Builder
				for _, st := range ParseScript(d.Input) {
					res := sh.Exec(st.Text, st.Input)
					b.WriteString(res.Output)
					if !d.HasArg("quiet") {
						b.WriteString(FormatEvents(res.Events))
					}
					if res.Err != nil {
						fmt.Fprintf(&b, "ERROR %v\n", res.Err)
					}
					// "seed" and "reset" replace the simulation: watch the new one too. The same
					// checker stays on otherwise, keeping the history that the cross-step
					// invariants (one leader per epoch, HW never going back) rely on.
					if sh.Sim() != watched {
						watched = watchInvariants(t, d, sh)
					}
				}
				return b.String()
			case "state":
				return engine.DescribeView(sh.Sim().View())
			default:
				d.Fatalf(t, "unknown directive %s", d.Cmd)
				return ""
			}
		})
	})
}

func watchInvariants(t *testing.T, d *datadriven.TestData, sh *Shell) *engine.Sim {
	sim := sh.Sim()
	chk := NewCheckerFor(sim)
	sim.SetObserver(func(s *engine.Sim) {
		for _, v := range chk.Check(s) {
			t.Errorf("%s: seed %d: %s", d.Pos, s.Seed(), v)
		}
	})
	return sim
}

// NewCheckerFor returns an invariant checker primed with the simulation's current state.
func NewCheckerFor(sim *engine.Sim) *engine.InvariantChecker {
	chk := engine.NewInvariantChecker()
	chk.Check(sim)
	return chk
}
