package cli

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// Shell runs command lines against one simulation. It is not safe for concurrent use; the
// browser and the terminal each own one.
type Shell struct {
	sim *engine.Sim
	cfg engine.Config
}

// Result is what one command did. Output is what the real tool would print (stdout and stderr
// in order). Events are the events the command caused. Err is set when the command could not
// run at all; the simulation is then unchanged, and a script stops there.
type Result struct {
	Output string
	Events []engine.Event
	Err    error
}

// New starts a shell on a fresh cluster built from cfg.
func New(cfg engine.Config) (*Shell, error) {
	sim, err := engine.New(cfg)
	if err != nil {
		return nil, err
	}
	return &Shell{sim: sim, cfg: cfg}, nil
}

// FromSim wraps an existing simulation (a clone, a restored snapshot).
func FromSim(sim *engine.Sim) *Shell { return &Shell{sim: sim, cfg: sim.Config()} }

// Sim is the simulation the shell drives. Callers may read it; changing it other than through
// Exec bypasses the command log.
func (sh *Shell) Sim() *engine.Sim { return sh.sim }

// command is one verb of the language.
type command struct {
	name    string
	summary string
	usage   string
	run     func(sh *Shell, args []string, input []string, out *strings.Builder) error
}

var commands = map[string]*command{}

func register(c *command) { commands[c.name] = c }

// CommandNames lists every command, sorted, for completion and help.
func CommandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Exec runs one command line. input holds the lines a console producer reads. Exec never
// panics: a bug inside the engine is reported as an error naming the seed, so the session can
// be reproduced.
func (sh *Shell) Exec(line string, input []string) (res Result) {
	before := sh.sim.EventCount()
	var out strings.Builder
	defer func() {
		if r := recover(); r != nil {
			res = Result{Output: out.String(), Err: fmt.Errorf("internal error (please report it with seed %d and this command): %v", sh.cfg.Seed, r)}
		}
		res.Events = sh.sim.EventsSince(before)
	}()
	words, err := Tokenize(line)
	if err != nil {
		return Result{Err: fmt.Errorf("cannot read the command: %v", err)}
	}
	if len(words) == 0 {
		return Result{}
	}
	name := toolName(words[0])
	c, ok := commands[name]
	if !ok {
		return Result{Err: fmt.Errorf("unknown command %q%s (type help for the list)", words[0], suggest(name))}
	}
	if err := c.run(sh, words[1:], input, &out); err != nil {
		return Result{Output: out.String(), Err: err}
	}
	return Result{Output: out.String()}
}

// dryRun runs f on a copy of sim and returns its error: a command that changes several things
// checks with it that the last of them will succeed before doing the first, so that a command
// that fails leaves the simulation unchanged, as Result promises.
func dryRun(sim *engine.Sim, f func(*engine.Sim) error) error {
	c := sim.Clone()
	c.SetObserver(nil) // an observer (an invariant checker, say) must not see the copy
	return f(c)
}

func suggest(name string) string {
	for _, n := range CommandNames() {
		if strings.HasPrefix(n, name) || strings.HasPrefix(name, n) || strings.Contains(n, name) && len(name) > 3 {
			return fmt.Sprintf("; did you mean %s?", n)
		}
	}
	return ""
}

// Options control how Run reports a script.
type Options struct {
	KeepGoing bool // go on after a command that cannot run
	Echo      bool // print each command before its output, as "> command"
	Events    bool // print the events each command caused
}

// ScriptError is a script stopped by a command that could not run.
type ScriptError struct {
	Line int
	Text string
	Err  error
}

func (e *ScriptError) Error() string {
	return fmt.Sprintf("line %d: %s: %v", e.Line, e.Text, e.Err)
}

// Run executes a script, writing output to w. It stops at the first command that cannot run
// (unless KeepGoing) and returns the first such error.
func (sh *Shell) Run(src string, w io.Writer, opt Options) error {
	return RunScript(src, w, opt, sh.Exec)
}

// RunScript is Run through another exec: kafkasim's, which records every command and knows
// commands of its own, prints exactly what a plain shell would.
func RunScript(src string, w io.Writer, opt Options, exec func(line string, input []string) Result) error {
	var first error
	for _, st := range ParseScript(src) {
		if opt.Echo {
			fmt.Fprintf(w, "> %s\n", st.Text)
			for _, in := range st.Input {
				fmt.Fprintf(w, ">> %s\n", in)
			}
		}
		res := exec(st.Text, st.Input)
		io.WriteString(w, res.Output)
		if opt.Events {
			io.WriteString(w, FormatEvents(res.Events))
		}
		if res.Err != nil {
			serr := &ScriptError{Line: st.Line, Text: st.Text, Err: res.Err}
			fmt.Fprintf(w, "ERROR %s\n", serr)
			if first == nil {
				first = serr
			}
			if !opt.KeepGoing {
				return first
			}
		}
	}
	return first
}

// FormatEvents renders events one per line with DescribeEvent, indented.
func FormatEvents(evs []engine.Event) string {
	var b strings.Builder
	for _, e := range evs {
		b.WriteString("  ")
		b.WriteString(engine.DescribeEvent(e))
		b.WriteByte('\n')
	}
	return b.String()
}

// OptionNames lists the --options a Kafka tool accepts, for completion.
func OptionNames(tool string) []string {
	specs := map[string]map[string]flagSpec{
		"kafka-topics": topicsFlags, "kafka-console-producer": consoleProducerFlags, "kafka-console-consumer": consoleConsumerFlags,
	}[toolName(tool)]
	names := []string{"--bootstrap-server"}
	for n := range specs {
		names = append(names, "--"+n)
	}
	sort.Strings(names)
	return names
}
