package session

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// ExportScript writes a session as a script in the command language, which `kafkasim -f`
// replays into the same state: a header of # comments, then the setup's `reset` line (so the
// script does not depend on the flags kafkasim is started with), then every command that did
// not fail, in order, each console producer followed by its records and the empty line that
// ends them. A `# t=12.3s` comment marks each time the clock has moved, so the script reads as
// a story. The position is not part of a script: it runs to the end.
//
// A script cannot carry an empty record, because an empty line ends a console producer's input;
// such records are left out, with a comment saying so, and that one command then writes fewer
// records than it did. A JSON export carries them.
func ExportScript(f File) string {
	var b strings.Builder
	b.WriteString("# A Kafka playground session, exported as a script in the playground's command language.\n")
	b.WriteString("# Replay it with: kafkasim -f FILE   (or import it: kafkasim --import FILE)\n")
	fmt.Fprintf(&b, "# Seed %d, %d broker(s), %d controller(s): the reset line below starts that cluster.\n", f.Setup.Seed, f.Setup.Brokers, f.Setup.Controllers)
	if f.Position != nil {
		fmt.Fprintf(&b, "# The session was being looked at step %d of %d; the script runs to the end.\n", *f.Position, StepCount(f.Commands))
	}
	b.WriteString(f.Setup.ResetLine())
	b.WriteByte('\n')
	tickMs, lastTick := f.Setup.Config().TickMs, int64(-1)
	for _, c := range f.Commands {
		if c.Failed {
			continue
		}
		if c.IsUser() && c.Tick != lastTick {
			fmt.Fprintf(&b, "# t=%s\n", engine.FormatSimTime(c.Tick*tickMs))
			lastTick = c.Tick
		}
		if !cli.NeedsInput(c.Line) {
			// Only the console producer reads input; any other command ignores it.
			b.WriteString(c.Line + "\n")
			continue
		}
		records := slices.DeleteFunc(slices.Clone(c.Input), func(s string) bool { return s == "" })
		if n := len(c.Input) - len(records); n > 0 {
			fmt.Fprintf(&b, "# %d empty record(s) of the next command are left out: an empty line ends a console producer's input.\n", n)
		}
		b.WriteString(c.Line + "\n")
		for _, r := range records {
			b.WriteString(r + "\n")
		}
		b.WriteString("\n")
	}
	return b.String()
}

// ImportScript reads a script as a session: every statement becomes a command from
// SourceScript. When the first statement is `reset` with only --brokers, --controllers and
// --seed, it becomes the setup (what it leaves out is the engine's default) and is not a
// command; otherwise the setup is the engine's default cluster. Every line must tokenize, and
// errors say `line N: reason`. The commands' ticks are unknown until they run: use Stamp.
func ImportScript(src string) (File, error) {
	f, _, err := importScript(src)
	return f, err
}

// StampScript is ImportScript and Stamp together, with a command that fails named by its
// line in the script, which is what someone importing a file wants to be told.
func StampScript(src string) (File, error) {
	f, lines, err := importScript(src)
	if err != nil {
		return File{}, err
	}
	cmds, err := Stamp(f.Setup, f.Commands)
	if err != nil {
		var se *StampError
		if errors.As(err, &se) {
			return File{}, fmt.Errorf("line %d: %s: %w", lines[se.Index], se.Command.Line, se.Err)
		}
		return File{}, err
	}
	f.Commands = cmds
	return f, nil
}

// importScript is ImportScript, also returning the script line each command starts on.
func importScript(src string) (File, []int, error) {
	if len(src) > MaxFileBytes {
		return File{}, nil, fmt.Errorf("the script is %d bytes; a session is at most %d (1 MiB)", len(src), MaxFileBytes)
	}
	f := File{Format: Format, Version: Version, Setup: SetupOf(engine.DefaultConfig())}
	var lines []int
	src = strings.TrimPrefix(src, "\ufeff") // a byte order mark some editors write
	for i, st := range cli.ParseScript(src) {
		if err := checkStmt(st); err != nil {
			return File{}, nil, err
		}
		if i == 0 {
			if s, ok, err := setupLine(st.Text); err != nil {
				return File{}, nil, fmt.Errorf("line %d: %w", st.Line, err)
			} else if ok {
				f.Setup = s
				continue
			}
		}
		if len(f.Commands) == MaxCommands {
			return File{}, nil, fmt.Errorf("line %d: the script has more than %d commands; a session has at most %d", st.Line, MaxCommands, MaxCommands)
		}
		f.Commands = append(f.Commands, Command{Line: st.Text, Input: st.Input, Source: SourceScript})
		lines = append(lines, st.Line)
	}
	if err := f.Validate(); err != nil {
		return File{}, nil, err // unreachable after checkStmt, but a script must never yield a file DecodeFile refuses
	}
	return f, lines, nil
}

// checkStmt holds a statement to what a session file can carry, naming the script line.
func checkStmt(st cli.Stmt) error {
	if !utf8.ValidString(st.Text) {
		return fmt.Errorf("line %d: not valid UTF-8", st.Line)
	}
	if _, err := cli.Tokenize(st.Text); err != nil {
		return fmt.Errorf("line %d: cannot read the command: %v", st.Line, err)
	}
	if err := checkText("the line", st.Text); err != nil {
		return fmt.Errorf("line %d: %w", st.Line, err)
	}
	if len(st.Input) > MaxInputLines {
		return fmt.Errorf("line %d: %d records; a console producer reads at most %d", st.Line, len(st.Input), MaxInputLines)
	}
	for j, in := range st.Input {
		if err := checkText("the record", in); err != nil {
			return fmt.Errorf("line %d: %w", st.Line+1+j, err)
		}
	}
	return nil
}

// setupLine reads a `reset` that names nothing but the cluster's shape as a setup. A reset
// with anything else is not a setup (ok is false) and stays a command, for the engine to judge.
func setupLine(text string) (Setup, bool, error) {
	words, err := cli.Tokenize(text)
	if err != nil || len(words) == 0 || words[0] != "reset" {
		return Setup{}, false, nil
	}
	s := SetupOf(engine.DefaultConfig())
	seen := map[string]bool{}
	for i := 1; i < len(words); i++ {
		name, val, hasVal := strings.Cut(words[i], "=")
		if name != "--brokers" && name != "--controllers" && name != "--seed" || seen[name] {
			return Setup{}, false, nil
		}
		seen[name] = true
		if !hasVal {
			if i+1 == len(words) {
				return Setup{}, false, nil
			}
			i++
			val = words[i]
		}
		switch name {
		case "--seed":
			n, err := strconv.ParseUint(val, 10, 64)
			if err != nil {
				return Setup{}, false, fmt.Errorf("%q is not a seed: use a whole number", val)
			}
			s.Seed = n
		default:
			n, err := strconv.Atoi(val)
			if err != nil {
				return Setup{}, false, fmt.Errorf("Option %s: %q is not a number", name[2:], val)
			}
			if name == "--brokers" {
				s.Brokers = n
			} else {
				s.Controllers = n
			}
		}
	}
	if err := s.Validate(); err != nil {
		return Setup{}, false, err
	}
	return s, true, nil
}

// StampError is Stamp's report of a command that failed: its index in the log (from 0).
type StampError struct {
	Index   int
	Command Command
	Err     error
}

func (e *StampError) Error() string {
	return fmt.Sprintf("command %d (%s): %v", e.Index+1, e.Command.Line, e.Err)
}

func (e *StampError) Unwrap() error { return e.Err }

// Stamp runs a command log that has not run yet (an imported script) and returns it with each
// command's Tick filled in and none failed: a script stops at a command that cannot run, so an
// imported session does too, with a *StampError naming the command. The input is not changed.
func Stamp(setup Setup, cmds []Command) ([]Command, error) {
	sh, err := Replay(setup, nil)
	if err != nil {
		return nil, err
	}
	out := slices.Clone(cmds)
	var ticks int64 // replayed so far, across resets: the same budget as Load's
	for i := range out {
		c := &out[i]
		before := sh.Sim()
		c.Tick, c.Failed = before.Now(), false
		if err := Apply(sh, *c); err != nil {
			return nil, &StampError{Index: i, Command: *c, Err: err}
		}
		if sh.Sim() == before {
			ticks += sh.Sim().Now() - c.Tick
		} else {
			ticks += sh.Sim().Now()
		}
		if ticks > replayBudgetTicks {
			return nil, &StampError{Index: i, Command: *c, Err: errTooLong}
		}
	}
	return out, nil
}
