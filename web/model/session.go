package model

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/engine/session"
)

// Source says who dispatched a command; LoggedCommand is one entry of the command log. Both
// are the session package's, so the log the UI records is the one time travel replays, links
// carry and `kafkasim` imports.
type (
	Source        = session.Source
	LoggedCommand = session.Command
)

// Sources of commands.
const (
	SourceConsole = session.SourceConsole
	SourceUI      = session.SourceUI
	SourceClock   = session.SourceClock
	SourceLesson  = session.SourceLesson
)

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

// Session is one browser session: the timeline that owns the simulation and its command log,
// the console scrollback, the event log and the clock. It is the only way the UI changes the
// engine: every change is a command line, recorded in order.
type Session struct {
	tl      *session.Timeline
	sim     *engine.Sim // the sim the event log was read from; `reset` and time travel replace it
	console []ConsoleLine
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

	marks markCache // the timeline's marks, binned

	version uint64 // bumped on every change, so renderers can skip unchanged frames
	view    engine.View
	viewVer uint64
}

// NewSession starts a session on a fresh cluster.
func NewSession(cfg engine.Config) (*Session, error) {
	tl, err := session.NewTimeline(session.SetupOf(cfg))
	if err != nil {
		return nil, err
	}
	return fromTimeline(tl), nil
}

// LoadSession starts a session from a saved or shared one, at its saved position.
func LoadSession(f session.File) (*Session, error) {
	tl, err := session.Load(f)
	if err != nil {
		return nil, err
	}
	return fromTimeline(tl), nil
}

func fromTimeline(tl *session.Timeline) *Session {
	s := &Session{tl: tl, sim: tl.Sim(), Events: NewEventLogOfSim(tl.Sim(), 0), SpeedIndex: defaultSpeedIndex, version: 1}
	return s
}

// Sim is the current simulation, for reading only.
func (s *Session) Sim() *engine.Sim { return s.tl.Sim() }

// Run is the timeline, for reading; time travel goes through the Session's methods.
func (s *Session) Run() *session.Timeline { return s.tl }

// Version changes whenever the simulation, the console or the clock changes.
func (s *Session) Version() uint64 { return s.version }

// View is the current view, built at most once per change.
func (s *Session) View() engine.View {
	if s.viewVer != s.version {
		s.view, s.viewVer = s.tl.Sim().View(), s.version
	}
	return s.view
}

// Commands is the command log, oldest first, including the future when the learner is
// looking at the past.
func (s *Session) Commands() []LoggedCommand { return s.tl.Commands() }

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
	cmds := s.tl.Commands()
	for i := len(cmds) - 1; i >= 0; i-- {
		if cmds[i].Source != SourceClock {
			return cmds[i].Line
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
	s.print("cmd", line)
	for _, in := range input {
		s.print("out", ">"+in)
	}
	var res cli.Result
	forks := len(s.tl.Forks())
	if debug, ok := strings.CutPrefix(line, "debug"); ok && (debug == "" || debug[0] == ' ') {
		// Debug commands are not part of the run: they are never logged or replayed.
		res = s.debug(strings.TrimSpace(debug))
	} else {
		res = s.tl.Exec(session.Command{Line: line, Input: input, Source: src})
	}
	if f := s.tl.Forks(); len(f) > forks {
		last := f[len(f)-1]
		s.print("out", fmt.Sprintf("(The run now forks at %s: the %d later step(s) were set aside. Undo fork puts them back.)",
			engine.FormatSimTime(s.Sim().Config().TicksToMs(s.tl.TickAt(last.At))), last.Set))
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
	return res
}

// debug runs the debug-only commands. `debug panic` panics on purpose, inside the command, to
// prove that the page's recovery works; it is refused unless the page was opened with debug on.
func (s *Session) debug(arg string) cli.Result {
	if !s.Debug {
		return cli.Result{Err: fmt.Errorf("debug commands are off (open the page with ?debug=1)")}
	}
	if n, ok := strings.CutPrefix(arg, "play "); ok {
		return s.debugPlay(n)
	}
	switch arg {
	case "panic":
		panic("debug panic: raised on purpose by the `debug panic` command")
	default:
		return cli.Result{Err: fmt.Errorf("usage: debug panic | debug play TICKS")}
	}
}

// debugPlay runs the clock for n ticks at once, as playing would over many frames: the
// benchmark builds a long run with it to time seeks in.
func (s *Session) debugPlay(arg string) cli.Result {
	n, err := strconv.ParseInt(arg, 10, 64)
	if err != nil || n < 1 || n > 100_000 {
		return cli.Result{Err: fmt.Errorf("debug play takes a number of ticks from 1 to 100000, not %q", arg)}
	}
	for ; n > 0; n -= maxTicksPerAdvance {
		s.tick(min(n, maxTicksPerAdvance))
	}
	return cli.Result{Output: fmt.Sprintf("The run is %d steps long.", s.tl.Len())}
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

// tick moves the clock through the timeline, which merges consecutive clock ticks into one
// log entry (a minute of play is one line) and, in the past, replays the recorded future. The
// clock stays out of the console.
func (s *Session) tick(n int64) {
	if res := s.tl.Tick(n); res.Err != nil { // a replay that goes wrong is a bug: never hide it
		s.print("err", "Error: "+res.Err.Error())
	}
	s.afterChange()
}

// afterChange reads the new events. `reset` and `seed N` replace the simulation, whose event
// numbers start again from 1, so the event log starts again too.
func (s *Session) afterChange() {
	s.version++
	sim := s.tl.Sim()
	if sim != s.sim {
		s.sim = sim
		s.Events = NewEventLogOfSim(sim, 0)
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

// GoTo shows the run at a step: the timeline's scrubber, its step buttons and a click on an
// event all come here. The console says nothing (scrubbing would flood it); the event log
// shows the events up to the step.
func (s *Session) GoTo(step int64) error {
	err := s.tl.GoTo(step)
	s.afterChange()
	if err != nil {
		s.print("err", "Error: "+err.Error())
	}
	return err
}

// Undo goes back to just before the last command, and says which in the console.
func (s *Session) Undo() {
	c, ok, err := s.tl.Undo()
	s.travelled("Undid", c, ok, err)
}

// Redo goes forward over the next command of the run.
func (s *Session) Redo() {
	c, ok, err := s.tl.Redo()
	s.travelled("Redid", c, ok, err)
}

func (s *Session) travelled(verb string, c LoggedCommand, ok bool, err error) {
	s.afterChange()
	switch {
	case err != nil:
		s.print("err", "Error: "+err.Error())
	case ok:
		s.print("out", fmt.Sprintf("(%s `%s`; the time is now %s.)", verb, c.Line, engine.FormatSimTime(s.Sim().NowMs())))
	}
}

// UndoFork puts back the future that acting in the past set aside.
func (s *Session) UndoFork() {
	ok, err := s.tl.UndoFork()
	s.afterChange()
	switch {
	case err != nil:
		s.print("err", "Error: "+err.Error())
	case ok:
		s.print("out", fmt.Sprintf("(Fork undone: the run is back as it was, at %s.)", engine.FormatSimTime(s.Sim().NowMs())))
	}
}

// File is the session as data, for links and exports.
func (s *Session) File() session.File { return s.tl.File() }

// Load replaces the run with a saved or shared one, at its saved position. The console and its
// history stay: they are the learner's, not the run's. On error nothing changes.
func (s *Session) Load(f session.File) error {
	tl, err := session.Load(f)
	if err != nil {
		return err
	}
	s.tl, s.Playing = tl, false
	s.afterChange()
	return nil
}
