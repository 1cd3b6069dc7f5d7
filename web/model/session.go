package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// Source says who dispatched a command. The command log keeps it so that time travel can
// replay a session and a teacher can tell typed commands from button presses.
type Source string

// Sources of commands.
const (
	SourceConsole Source = "console" // typed in the console
	SourceUI      Source = "ui"      // a button, menu or dialog
	SourceClock   Source = "clock"   // play and step
	SourceLesson  Source = "lesson"
)

// LoggedCommand is one entry of the command log: replaying the log's lines in order, with
// their input, on a fresh session with the same seed rebuilds the same simulation.
type LoggedCommand struct {
	Line   string   `json:"line"`
	Input  []string `json:"input,omitempty"`
	Source Source   `json:"source"`
	Tick   int64    `json:"tick"` // the simulated time it ran at, in ticks
	Failed bool     `json:"failed,omitempty"`
}

// ConsoleLine is one line of the console's scrollback.
type ConsoleLine struct {
	Kind string // "cmd", "out", "err" or "event"
	Text string
}

// Speeds are the play speeds offered, in simulated ticks per wall-clock second. 10 is real
// time (a tick is 100 ms).
var Speeds = []float64{1, 2, 5, 10, 20, 50, 100}

const (
	defaultSpeedIndex = 3
	// MaxConsoleLines is the scrollback kept; older lines are dropped.
	MaxConsoleLines = 500
	// maxTicksPerAdvance bounds the work one animation frame may ask for, so a tab that was
	// in the background for a minute does not freeze the page catching up.
	maxTicksPerAdvance = 20
)

// Session is one browser session: the shell that owns the simulation, the command log, the
// console scrollback, the event log and the clock. It is the only way the UI changes the
// engine: every change is a command line, recorded in order.
type Session struct {
	shell    *cli.Shell
	sim      *engine.Sim // the sim the event log was read from; `reset` replaces it
	commands []LoggedCommand
	console  []ConsoleLine
	// consoleBase numbers console lines across trimming: console[i] is line consoleBase+i of
	// the session, so a view that draws lines incrementally knows which ones it has.
	consoleBase int
	// consoleEpoch and eventsEpoch change when the scrollback is cleared or the event log
	// starts again (reset), so incremental views know to redraw from scratch.
	consoleEpoch int
	eventsEpoch  int
	Events       *EventLog

	Playing    bool
	SpeedIndex int
	carryTicks float64

	// Debug enables the `debug` commands (a deliberate panic, for the robustness tests).
	Debug bool

	version uint64 // bumped on every change, so renderers can skip unchanged frames
	view    engine.View
	viewVer uint64
}

// NewSession starts a session on a fresh cluster.
func NewSession(cfg engine.Config) (*Session, error) {
	sh, err := cli.New(cfg)
	if err != nil {
		return nil, err
	}
	s := &Session{shell: sh, sim: sh.Sim(), Events: NewEventLog(0), SpeedIndex: defaultSpeedIndex, version: 1}
	s.Events.Append(s.sim.Events())
	return s, nil
}

// Sim is the current simulation, for reading only.
func (s *Session) Sim() *engine.Sim { return s.shell.Sim() }

// Version changes whenever the simulation, the console or the clock changes.
func (s *Session) Version() uint64 { return s.version }

// View is the current view, built at most once per change.
func (s *Session) View() engine.View {
	if s.viewVer != s.version {
		s.view, s.viewVer = s.shell.Sim().View(), s.version
	}
	return s.view
}

// Commands is the command log, oldest first.
func (s *Session) Commands() []LoggedCommand { return s.commands }

// Console is the console scrollback, oldest first.
func (s *Session) Console() []ConsoleLine { return s.console }

// ConsoleFrom returns the scrollback lines numbered from and after `from` (clamped to what is
// kept), the number to ask for next time, and the epoch, which changes when the scrollback is
// cleared.
func (s *Session) ConsoleFrom(from int) (lines []ConsoleLine, next, epoch int) {
	i := max(0, from-s.consoleBase)
	if i > len(s.console) {
		i = len(s.console)
	}
	return s.console[i:], s.consoleBase + len(s.console), s.consoleEpoch
}

// EventsEpoch changes when the event log starts again.
func (s *Session) EventsEpoch() int { return s.eventsEpoch }

// LastCommand is the last command dispatched, for the error banner.
func (s *Session) LastCommand() string {
	for i := len(s.commands) - 1; i >= 0; i-- {
		if s.commands[i].Source != SourceClock {
			return s.commands[i].Line
		}
	}
	return ""
}

// Speed is the play speed in ticks per second.
func (s *Session) Speed() float64 { return Speeds[s.SpeedIndex] }

// SetSpeedIndex picks one of Speeds; out-of-range indexes are clamped.
func (s *Session) SetSpeedIndex(i int) {
	s.SpeedIndex = min(max(i, 0), len(Speeds)-1)
	s.version++
}

// Exec dispatches one command line. The console shows it with its output (so every button
// teaches the command it stands for) and the events it caused; the log records it.
func (s *Session) Exec(line string, input []string, src Source) cli.Result {
	line = strings.TrimSpace(line)
	if line == "" {
		return cli.Result{}
	}
	at := s.Sim().Now()
	s.print("cmd", line)
	for _, in := range input {
		s.print("out", ">"+in)
	}
	var res cli.Result
	if debug, ok := strings.CutPrefix(line, "debug"); ok && (debug == "" || debug[0] == ' ') {
		res = s.debug(strings.TrimSpace(debug))
	} else {
		res = s.shell.Exec(line, input)
	}
	if res.Output != "" {
		s.print("out", strings.TrimRight(res.Output, "\n"))
	}
	if res.Err != nil {
		s.print("err", "Error: "+res.Err.Error())
	}
	s.afterChange()
	if len(res.Events) > 0 {
		s.print("event", strings.TrimRight(cli.FormatEvents(res.Events), "\n"))
	}
	s.commands = append(s.commands, LoggedCommand{Line: line, Input: input, Source: src, Tick: at, Failed: res.Err != nil})
	return res
}

// debug runs the debug-only commands. `debug panic` panics on purpose, inside the command, to
// prove that the page's recovery works; it is refused unless the page was opened with debug on.
func (s *Session) debug(arg string) cli.Result {
	if !s.Debug {
		return cli.Result{Err: fmt.Errorf("debug commands are off (open the page with ?debug=1)")}
	}
	switch arg {
	case "panic":
		panic("debug panic: raised on purpose by the `debug panic` command")
	default:
		return cli.Result{Err: fmt.Errorf("usage: debug panic")}
	}
}

// Step advances one tick, as the step button and → do.
func (s *Session) Step() { s.tick(1) }

// Advance moves the clock on by elapsedMs of wall-clock time at the current speed, when
// playing. Fractions of a tick carry over to the next frame so that slow speeds still move.
// It returns the number of ticks run.
func (s *Session) Advance(elapsedMs float64) int64 {
	if !s.Playing || elapsedMs <= 0 {
		return 0
	}
	s.carryTicks += elapsedMs * s.Speed() / 1000
	n := int64(s.carryTicks)
	if n == 0 {
		return 0
	}
	s.carryTicks -= float64(n)
	if n > maxTicksPerAdvance {
		n, s.carryTicks = maxTicksPerAdvance, 0
	}
	s.tick(n)
	return n
}

// TogglePlay starts or stops the clock.
func (s *Session) TogglePlay() {
	s.Playing = !s.Playing
	s.carryTicks = 0
	s.version++
}

// tick runs `tick N` through the shell, like any other command, but merges consecutive clock
// ticks into one log entry and keeps them out of the console: a minute of play is one line.
func (s *Session) tick(n int64) {
	line := "tick " + strconv.FormatInt(n, 10)
	res := s.shell.Exec(line, nil)
	if res.Err != nil { // cannot happen for n in range, but never lose an error
		s.print("err", "Error: "+res.Err.Error())
	}
	s.afterChange()
	if k := len(s.commands) - 1; k >= 0 && s.commands[k].Source == SourceClock {
		prev, _ := strconv.ParseInt(strings.TrimPrefix(s.commands[k].Line, "tick "), 10, 64)
		s.commands[k].Line = "tick " + strconv.FormatInt(prev+n, 10)
		return
	}
	s.commands = append(s.commands, LoggedCommand{Line: line, Source: SourceClock, Tick: s.Sim().Now() - n})
}

// afterChange reads the new events. `reset` and `seed N` replace the simulation, whose event
// numbers start again from 1, so the event log starts again too.
func (s *Session) afterChange() {
	s.version++
	sim := s.shell.Sim()
	if sim != s.sim {
		s.sim = sim
		s.Events = NewEventLog(0)
		s.Events.Append(sim.Events())
		s.eventsEpoch++
		return
	}
	s.Events.Append(sim.EventsSince(s.Events.LastSeq()))
}

// Print adds a line to the console that is not a command (a notice from the UI).
func (s *Session) Print(kind, text string) {
	s.print(kind, text)
	s.version++
}

func (s *Session) print(kind, text string) {
	for _, l := range strings.Split(text, "\n") {
		s.console = append(s.console, ConsoleLine{Kind: kind, Text: l})
	}
	if over := len(s.console) - MaxConsoleLines; over > 0 {
		s.console = append(s.console[:0:0], s.console[over:]...)
		s.consoleBase += over
	}
}

// ClearConsole empties the scrollback (not the command log).
func (s *Session) ClearConsole() {
	s.consoleBase += len(s.console)
	s.console = nil
	s.consoleEpoch++
	s.version++
}
