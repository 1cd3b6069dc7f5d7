package session

import (
	"fmt"
	"slices"
	"sort"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// SnapshotEveryTicks bounds the work of a seek. The timeline keeps a clone of the simulation
// at the first step boundary after every this many ticks of simulated work (a command counts as
// one), so reaching any step replays at most about this much from the nearest snapshot. Clones
// share their record arrays, so a snapshot costs the cluster's metadata, not its logs. 100
// ticks of a busy three-broker cluster replay in a few milliseconds natively; what the slowest
// seeks in the browser pay for is the clone's first event, which copies the event slice.
const SnapshotEveryTicks = 100

// Timeline is a run that can be rewound: the command log of a session, the simulation at a
// position (a step, see steps.go) anywhere in it, and the events of the whole run placed on
// its steps. Because the engine is deterministic, a position is just the setup, a prefix of
// the log and a tick count; the timeline keeps snapshots so that it never replays much.
//
// Acting at a past position forks the run: the future is set aside (UndoFork puts it back)
// and the new command is appended. The clock playing at a past position replays the recorded
// future instead, as a video would, and carries on live at its end.
type Timeline struct {
	setup  Setup
	cmds   []Command
	starts []int64 // starts[i] is the step at which cmds[i] begins
	after  []int64 // after[i] is the simulated time, in ticks, once cmds[i] has run
	total  int64

	sh  *cli.Shell // the simulation at pos
	pos int64

	snaps []snapshot // by step; snaps[0] is step 0
	work  int64      // ticks (and commands) run at the end since the last snapshot
	marks []Mark     // every event of the run, by step

	forks []Fork
	gen   int // bumped whenever the run's past changes (a fork, an undone fork)
}

// snapshot is the simulation at a step; it is cloned before use, never advanced.
type snapshot struct {
	step int64
	sim  *engine.Sim
}

// Mark is an event of the run and the step it happened in: the state at Step is the first
// that shows it.
type Mark struct {
	Step  int64
	Event engine.Event
}

// Fork is what acting in the past set aside: the whole timeline as it was, and where the
// learner acted.
type Fork struct {
	At     int64 // the step the new branch starts from
	Set    int64 // how many steps of the old future were set aside
	cmds   []Command
	starts []int64
	after  []int64
	total  int64
	snaps  []snapshot
	marks  []Mark
}

// NewTimeline starts a timeline on a fresh cluster.
func NewTimeline(setup Setup) (*Timeline, error) {
	sh, err := Replay(setup, nil)
	if err != nil {
		return nil, err
	}
	t := &Timeline{setup: setup, sh: sh}
	t.snaps = []snapshot{{0, sh.Sim().Clone()}}
	t.readMarks(0, nil, nil, 0)
	return t, nil
}

// MaxReplayTicks bounds the simulated time a loaded session may replay: a shared link is
// somebody else's input, and replaying it must not freeze the page for minutes. Two million
// ticks is more than 55 simulated hours, far beyond any lesson or classroom run, and replays in
// well under a minute in the browser. Load checks it between commands; one command advances
// time by at most a million ticks (the command language's own limit).
const MaxReplayTicks = 2_000_000

// replayBudgetTicks is MaxReplayTicks, lowered by tests.
var replayBudgetTicks int64 = MaxReplayTicks

// Load rebuilds the timeline of a session file and goes to its position (the end when it has
// none). Every command that did not fail must run again without failing: one that fails means
// the file was not recorded by this engine, and Load says which.
func Load(f File) (*Timeline, error) {
	t, err := NewTimeline(f.Setup)
	if err != nil {
		return nil, err
	}
	var ticks int64 // simulated time replayed so far, across resets
	for i, c := range f.Commands {
		if c.Failed {
			t.appendCmd(c)
			continue
		}
		var res cli.Result
		before := t.Sim()
		beforeNow := before.Now()
		if c.Source == SourceClock {
			n, ok := ClockTicks(c.Line)
			if !ok {
				return nil, fmt.Errorf("command %d: the clock's entry %q is not `tick N`", i+1, c.Line)
			}
			if ticks+n > replayBudgetTicks {
				return nil, errTooLong
			}
			res = t.Tick(n)
		} else {
			res = t.Exec(c)
		}
		if t.Sim() == before {
			ticks += t.Sim().Now() - beforeNow
		} else {
			ticks += t.Sim().Now() // `reset` started a new cluster at tick 0
		}
		if ticks > replayBudgetTicks {
			return nil, errTooLong
		}
		if res.Err != nil {
			return nil, fmt.Errorf("command %d (%s) fails on this engine: %w", i+1, c.Line, res.Err)
		}
	}
	if f.Position != nil {
		if err := t.GoTo(*f.Position); err != nil {
			return nil, err
		}
	}
	return t, nil
}

var errTooLong = fmt.Errorf("the session runs for more than %d ticks of simulated time, longer than the playground replays", MaxReplayTicks)

// File is the session as data, with the current position unless it is the end.
func (t *Timeline) File() File {
	f := File{Format: Format, Version: Version, Setup: t.setup, Commands: slices.Clone(t.cmds)}
	if t.pos != t.total {
		p := t.pos
		f.Position = &p
	}
	return f
}

// Setup is the cluster the run started from.
func (t *Timeline) Setup() Setup { return t.setup }

// Commands is the whole log, including the future when the position is in the past.
func (t *Timeline) Commands() []Command { return t.cmds }

// Len is the last step: the end of the run.
func (t *Timeline) Len() int64 { return t.total }

// Position is the step shown.
func (t *Timeline) Position() int64 { return t.pos }

// AtEnd says whether the position is the end of the run, where commands append rather than
// fork.
func (t *Timeline) AtEnd() bool { return t.pos == t.total }

// Shell is the simulation at the position. Change it only through Exec and Tick.
func (t *Timeline) Shell() *cli.Shell { return t.sh }

// Sim is the simulation at the position, for reading.
func (t *Timeline) Sim() *engine.Sim { return t.sh.Sim() }

// Marks are the events of the whole run by step, oldest first.
func (t *Timeline) Marks() []Mark { return t.marks }

// Generation changes whenever a fork or an undone fork replaces part of the run, so that views
// cached by the run's length know to rebuild.
func (t *Timeline) Generation() int { return t.gen }

// Forks are the futures set aside by acting in the past, the latest last.
func (t *Timeline) Forks() []Fork { return t.forks }

// Exec runs a command at the position. At the end it is appended to the log; a command that
// fails there changes nothing but is logged (as failed), so that exports tell the whole story.
// In the past a command that only looks (cli.ReadOnly) runs without changing the run, one that
// fails is only reported (the future is kept), and any other forks the run first.
func (t *Timeline) Exec(c Command) cli.Result {
	before := t.sh.Sim().Now()
	if t.pos < t.total && cli.ReadOnly(c.Line) {
		// Looking at the past (`state`, a describe) is not acting on it: no fork, no entry.
		return t.sh.Exec(c.Line, c.Input)
	}
	if t.pos < t.total {
		// Try it on a copy first: a mistyped command in the past should not throw the
		// future away.
		probe := cli.FromSim(t.sh.Sim().Clone())
		if res := probe.Exec(c.Line, c.Input); res.Err != nil {
			return res
		}
		t.fork()
	}
	sim, seq := t.sh.Sim(), lastSeq(t.sh.Sim())
	res := t.sh.Exec(c.Line, c.Input)
	c.Tick, c.Failed, c.Ticks = before, res.Err != nil, 0
	if c.Source == "" {
		c.Source = SourceConsole
	}
	if !c.Failed && t.sh.Sim() == sim && cli.TimeOnly(c.Line) {
		c.Ticks = t.sh.Sim().Now() - before
	}
	start := t.total
	t.appendCmd(c)
	if !c.Failed {
		t.pos = t.total
		t.readMarks(start, &c, sim, seq)
		t.work += 1 + t.sh.Sim().Now() - before
		t.maybeSnapshot()
	}
	return res
}

// Tick moves the clock on n ticks. At the end it runs them and records them, merged with the
// clock's previous entry when nothing came between; in the past it replays the recorded future
// instead, up to its end, and goes on live from there.
func (t *Timeline) Tick(n int64) cli.Result {
	if n <= 0 {
		return cli.Result{}
	}
	if t.pos < t.total {
		k := min(n, t.total-t.pos)
		if err := t.GoTo(t.pos + k); err != nil {
			return cli.Result{Err: err}
		}
		if n -= k; n == 0 {
			return cli.Result{}
		}
	}
	before := t.sh.Sim().Now()
	sim, seq := t.sh.Sim(), lastSeq(t.sh.Sim())
	res := t.runClock(n)
	if res.Err != nil {
		return res
	}
	start := t.total
	if k := len(t.cmds) - 1; k >= 0 && t.cmds[k].Source == SourceClock && !t.cmds[k].Failed {
		prev, _ := ClockTicks(t.cmds[k].Line)
		t.cmds[k].Line = ClockLine(prev + n)
		t.total += n
		t.after[k] = t.sh.Sim().Now()
	} else {
		t.appendCmd(Command{Line: ClockLine(n), Source: SourceClock, Tick: before})
	}
	t.pos = t.total
	t.readMarks(start, &Command{Source: SourceClock, Tick: before}, sim, seq)
	t.work += n
	t.maybeSnapshot()
	return res
}

// appendCmd logs a command that has just run at the end.
// clockChunkTicks is the most one `tick` command may ask for (the command language refuses
// more); the clock's merged entries can be longer, and run in pieces.
const clockChunkTicks = 1_000_000

// runClock runs n ticks through the command language.
func (t *Timeline) runClock(n int64) cli.Result {
	var res cli.Result
	for n > 0 {
		k := min(n, clockChunkTicks)
		r := t.sh.Exec(ClockLine(k), nil)
		res.Events = append(res.Events, r.Events...)
		if r.Err != nil {
			res.Err = r.Err
			return res
		}
		n -= k
	}
	return res
}

func (t *Timeline) appendCmd(c Command) {
	t.cmds = append(t.cmds, c)
	t.starts = append(t.starts, t.total)
	t.after = append(t.after, t.sh.Sim().Now())
	t.total += c.Steps()
}

// readMarks places the events that the last command (begun at step start, on sim whose last
// event was seq) caused. The clock's events fall on the tick they happened in; a command's on
// its one step. `reset` replaces the sim, whose events start again from 1.
func (t *Timeline) readMarks(start int64, c *Command, sim *engine.Sim, seq int64) {
	var evs []engine.Event
	if now := t.sh.Sim(); now != sim {
		evs = now.Events()
	} else {
		evs = now.EventsSince(seq)
	}
	for _, e := range evs {
		step := start
		if c != nil {
			step = start + 1
			if c.timeLike() {
				step = min(max(start+e.Tick-c.Tick, start+1), t.total)
			}
		}
		t.marks = append(t.marks, Mark{Step: step, Event: e})
	}
}

func (t *Timeline) maybeSnapshot() {
	if t.work < SnapshotEveryTicks {
		return
	}
	t.work = 0
	t.snaps = append(t.snaps, snapshot{t.pos, t.sh.Sim().Clone()})
}

// GoTo goes to a step of the run (clamped to it). It goes forward from the current state when
// that is cheapest, or from the nearest snapshot before the step.
func (t *Timeline) GoTo(step int64) error {
	step = min(max(step, 0), t.total)
	if step == t.pos {
		return nil
	}
	if s := t.snapshotAt(step); step < t.pos || s.step > t.pos {
		t.sh, t.pos = cli.FromSim(s.sim.Clone()), s.step
	}
	return t.forward(step)
}

// snapshotAt is the last snapshot at or before step.
func (t *Timeline) snapshotAt(step int64) snapshot {
	return t.snaps[sort.Search(len(t.snaps), func(i int) bool { return t.snaps[i].step > step })-1]
}

// forward replays the log from the position to step.
func (t *Timeline) forward(step int64) error {
	i := sort.Search(len(t.cmds), func(i int) bool { return t.starts[i]+t.cmds[i].Steps() > t.pos })
	for ; t.pos < step && i < len(t.cmds); i++ {
		c := t.cmds[i]
		if c.Failed {
			continue
		}
		if c.timeLike() {
			n := min(t.starts[i]+c.Steps(), step) - t.pos
			if res := t.runClock(n); res.Err != nil {
				return fmt.Errorf("replaying the clock at step %d: %w", t.pos, res.Err)
			}
			t.pos += n
			continue
		}
		if err := Apply(t.sh, c); err != nil {
			// The engine is deterministic, so this is a bug: say where, with the seed.
			return fmt.Errorf("replaying %q at step %d (seed %d) failed: %w", c.Line, t.pos, t.setup.Seed, err)
		}
		t.pos++
	}
	return nil
}

// fork sets the future aside and cuts the log at the position: what began before it stays,
// and a clock entry the position is inside of is split.
func (t *Timeline) fork() {
	t.forks = append(t.forks, Fork{At: t.pos, Set: t.total - t.pos, cmds: t.cmds, starts: t.starts,
		after: t.after, total: t.total, snaps: t.snaps, marks: t.marks})
	k := sort.Search(len(t.cmds), func(i int) bool { return t.starts[i] >= t.pos })
	cut := CutAt(t.cmds, t.pos) // k commands, the last one cut if the position is inside it
	t.starts, t.after = slices.Clone(t.starts[:k]), slices.Clone(t.after[:k])
	if k > 0 && t.starts[k-1]+t.cmds[k-1].Steps() > t.pos {
		t.after[k-1] = t.cmds[k-1].Tick + t.pos - t.starts[k-1]
	}
	t.cmds = cut
	t.total = t.pos
	k = sort.Search(len(t.snaps), func(i int) bool { return t.snaps[i].step > t.pos })
	t.snaps = slices.Clone(t.snaps[:k])
	k = sort.Search(len(t.marks), func(i int) bool { return t.marks[i].Step > t.pos })
	t.marks = slices.Clone(t.marks[:k])
	t.work = t.pos - t.snaps[len(t.snaps)-1].step // the work since the last snapshot kept
	t.gen++
}

func lastSeq(sim *engine.Sim) int64 { return sim.EventCount() }

// UndoFork puts back the future the last fork set aside, and goes to where the fork began.
// What was done on the branch is dropped. It reports whether there was a fork to undo.
func (t *Timeline) UndoFork() (bool, error) {
	if len(t.forks) == 0 {
		return false, nil
	}
	f := t.forks[len(t.forks)-1]
	t.forks = t.forks[:len(t.forks)-1]
	t.cmds, t.starts, t.after, t.total, t.snaps, t.marks = f.cmds, f.starts, f.after, f.total, f.snaps, f.marks
	// The simulation is the branch's: start again from the restored run's snapshot.
	s := t.snapshotAt(f.At)
	t.sh, t.pos = cli.FromSim(s.sim.Clone()), s.step
	t.work = t.total - t.snaps[len(t.snaps)-1].step
	t.gen++
	return true, t.forward(f.At)
}

// lastUser is the last command the learner ran at or before the position, or -1.
func (t *Timeline) lastUser() int {
	for i := len(t.cmds) - 1; i >= 0; i-- {
		c := t.cmds[i]
		if !c.Failed && c.IsUser() && t.starts[i] < t.pos {
			return i
		}
	}
	return -1
}

// nextUser is the first command the learner ran after the position, or -1.
func (t *Timeline) nextUser() int {
	for i, c := range t.cmds {
		if !c.Failed && c.IsUser() && t.starts[i] >= t.pos {
			return i
		}
	}
	return -1
}

// CanUndo and CanRedo say whether Undo and Redo have a command to go over.
func (t *Timeline) CanUndo() bool { return t.lastUser() >= 0 }

// CanRedo says whether there is a command after the position to redo.
func (t *Timeline) CanRedo() bool { return t.nextUser() >= 0 }

// Undo goes back to just before the last command the learner ran (the clock's ticks are not
// commands to undo). Nothing is thrown away: Redo goes forward again, and acting from there
// forks, with UndoFork to put the future back. It returns the command undone.
func (t *Timeline) Undo() (Command, bool, error) {
	i := t.lastUser()
	if i < 0 {
		return Command{}, false, nil
	}
	return t.cmds[i], true, t.GoTo(t.starts[i])
}

// Redo runs again the next command after the position, by moving to just after it.
func (t *Timeline) Redo() (Command, bool, error) {
	i := t.nextUser()
	if i < 0 {
		return Command{}, false, nil
	}
	return t.cmds[i], true, t.GoTo(t.starts[i] + t.cmds[i].Steps())
}

// PrevMark is the step of the last event before the position that keep accepts, or -1.
func (t *Timeline) PrevMark(keep func(engine.Event) bool) int64 {
	k := sort.Search(len(t.marks), func(i int) bool { return t.marks[i].Step >= t.pos })
	for i := k - 1; i >= 0; i-- {
		if keep == nil || keep(t.marks[i].Event) {
			return t.marks[i].Step
		}
	}
	return -1
}

// NextMark is the step of the first event after the position that keep accepts, or -1.
func (t *Timeline) NextMark(keep func(engine.Event) bool) int64 {
	k := sort.Search(len(t.marks), func(i int) bool { return t.marks[i].Step > t.pos })
	for i := k; i < len(t.marks); i++ {
		if keep == nil || keep(t.marks[i].Event) {
			return t.marks[i].Step
		}
	}
	return -1
}

// StepOfEvent is the step at which the event with that sequence number happened, looking in
// the part of the run the current simulation has (a `reset` starts numbering again).
func (t *Timeline) StepOfEvent(seq int64) (int64, bool) {
	// The simulation at the position has the events of its own run so far; the last mark at
	// or before the position with this seq is that event.
	k := sort.Search(len(t.marks), func(i int) bool { return t.marks[i].Step > t.pos })
	for i := k - 1; i >= 0; i-- {
		if t.marks[i].Event.Seq == seq {
			return t.marks[i].Step, true
		}
	}
	return 0, false
}

// TickAt is the simulated time at a step, in ticks.
func (t *Timeline) TickAt(step int64) int64 {
	step = min(max(step, 0), t.total)
	// The entry that made the step: the last that began before it and took steps.
	for i := sort.Search(len(t.cmds), func(i int) bool { return t.starts[i] >= step }) - 1; i >= 0; i-- {
		c := t.cmds[i]
		if c.Steps() == 0 {
			continue
		}
		if c.timeLike() {
			return c.Tick + step - t.starts[i]
		}
		return t.after[i]
	}
	return t.snaps[0].sim.Now()
}
