package session

import (
	"errors"
	"fmt"
	"sort"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// Compare is a what-if comparison: two panes, each a run of the same setup and the same
// command log rewritten for one Override, kept at the same step as the main session. It
// remembers the first step at which the two runs' outcomes differ (the Divergence) and can say
// what differs now.
//
// The panes replay the log as a script would: each command runs when the one before it has
// finished in that pane, and the clock's entries tick in both. A console producer with acks=all
// waits longer for its answer than one with acks=1, so the panes' clocks can drift apart by a
// few ticks; that is what the settings do, and why only outcomes mark the divergence (see
// outcomesDiffer).
type Compare struct {
	setup Setup
	cfg   engine.Config
	sides [2]Override

	cmds   []Command    // the log as the main session has it (a private copy)
	starts []int64      // starts[i] is the step at which cmds[i] begins
	pcmds  [2][]Command // the log rewritten for each side

	cur   cursor
	panes [2]*pane
	div   *Divergence // the first divergence at or before cur.step; nil before
	logs  map[tp]*logCheck

	snaps []compareSnap // by step; snaps[0] is step 0
	work  int64         // ticks (and commands) run since the last snapshot

	gen  uint64 // changes whenever the panes move, so caches know when they are stale
	memo memo
}

// cursor is where the panes are: the step, the entry of the log it is in, and how many of
// that entry's steps have run.
type cursor struct {
	step int64
	idx  int
	into int64
}

// pane is one side: its shell and what it has seen happen.
type pane struct {
	sh    *cli.Shell
	sim   *engine.Sim // the simulation whose events were read; `reset` replaces it
	seen  int64       // events of sim read so far
	facts paneFacts
	view  *engine.View // sim's view at cur, built at most once per step
}

// compareSnap is both panes at a step, cloned before use and never advanced.
type compareSnap struct {
	cur   cursor
	sims  [2]*engine.Sim
	seen  [2]int64
	facts [2]paneFacts
	div   *Divergence
}

// Divergence is the first step at which the two panes' outcomes differ. Tick and TimeMs are
// the main session's clock at that step, as its timeline and event log show it: the tick the
// clock had reached inside a stretch of play, or the tick a command was run at. Diffs are the
// differences at that step in plain English, naming both sides.
type Divergence struct {
	Step   int64
	Tick   int64
	TimeMs int64
	Diffs  []string
}

// NewCompare starts a comparison of two settings on a fresh cluster built from setup, at step 0.
func NewCompare(setup Setup, a, b Override) (*Compare, error) {
	if err := setup.Validate(); err != nil {
		return nil, err
	}
	for _, o := range []Override{a, b} {
		if err := o.Validate(); err != nil {
			return nil, err
		}
	}
	if a == b {
		return nil, fmt.Errorf("a comparison needs two different settings, not %s on both sides", a)
	}
	c := &Compare{setup: setup, cfg: setup.Config(), sides: [2]Override{a, b}}
	for i := range c.panes {
		sh, err := cli.New(c.cfg)
		if err != nil {
			return nil, err
		}
		c.panes[i] = &pane{sh: sh, sim: sh.Sim(), facts: newPaneFacts()}
	}
	c.snaps = []compareSnap{c.snapshot()}
	return c, nil
}

// Setup is the cluster both panes start from.
func (c *Compare) Setup() Setup { return c.setup }

// Sides are the two settings compared, A then B.
func (c *Compare) Sides() [2]Override { return c.sides }

// Step is the step both panes are at.
func (c *Compare) Step() int64 { return c.cur.step }

// Sim is one pane's simulation (0 is A, 1 is B), for reading.
func (c *Compare) Sim(side int) *engine.Sim { return c.panes[side&1].sh.Sim() }

// Commands is the log one pane runs: the synced log rewritten for its side.
func (c *Compare) Commands(side int) []Command { return c.pcmds[side&1] }

// Divergence is the first step at which the panes' outcomes differ, if they have by now.
func (c *Compare) Divergence() (Divergence, bool) {
	if c.div == nil {
		return Divergence{}, false
	}
	return *c.div, true
}

// Sync brings both panes to the state of the log cmds at step (see steps.go). When the log
// only grew and the step moved forward, the normal case of a session that runs a command or
// lets the clock tick, the panes just run the new steps; otherwise (the main session went
// back in time, or forked) they go back to the last snapshot the two logs share and replay
// from there. The clock's entries run one tick at a time, so the divergence is found at its
// exact step.
//
// A command that fails in one pane although it ran in the main session is not an error: a
// different setting can make it fail (a consumer poll after a different rebalance), and that
// is a difference the comparison reports. Errors are for a log or step that cannot be synced.
func (c *Compare) Sync(cmds []Command, step int64) error {
	if len(cmds) > MaxCommands {
		return fmt.Errorf("the session has %d commands; a comparison replays at most %d", len(cmds), MaxCommands)
	}
	total, err := stepTotal(cmds)
	if err != nil {
		return err
	}
	if step < 0 || step > total {
		return fmt.Errorf("step %d is outside the session, whose steps are 0 to %d", step, total)
	}
	common, same := commonSteps(c.cmds, cmds)
	c.cmds = append(c.cmds[:same], cmds[same:]...)
	c.starts = c.starts[:same]
	var at int64
	if same > 0 {
		at = c.starts[same-1] + c.cmds[same-1].Steps()
	}
	for _, e := range c.cmds[same:] {
		c.starts = append(c.starts, at)
		at += e.Steps()
	}
	for i, o := range c.sides {
		c.pcmds[i] = append(c.pcmds[i][:same], Rewrite(cmds[same:], o)...)
	}
	k := sort.Search(len(c.snaps), func(i int) bool { return c.snaps[i].step() > common })
	c.snaps = c.snaps[:k]
	if c.cur.step > common || step < c.cur.step {
		c.restore(min(common, step))
	}
	c.gen++
	return c.advance(step)
}

// stepTotal is StepCount, refusing a log whose steps add up past what a timeline can have.
func stepTotal(cmds []Command) (int64, error) {
	var n int64
	for i, e := range cmds {
		if s := e.Steps(); n > 1<<62-s {
			return 0, fmt.Errorf("command %d: the session is longer than %d steps", i+1, int64(1<<62))
		}
		n += e.Steps()
	}
	return n, nil
}

// commonSteps is how many leading steps two logs share, and how many leading entries are the
// same. A clock entry that grew (the session played on) or was cut (a fork inside it) shares
// the ticks both have.
func commonSteps(old, cmds []Command) (steps int64, same int) {
	for same < len(old) && same < len(cmds) && sameCommand(old[same], cmds[same]) {
		steps += cmds[same].Steps()
		same++
	}
	if same < len(old) && same < len(cmds) {
		o, n := old[same], cmds[same]
		if o.Source == SourceClock && n.Source == SourceClock && !o.Failed && !n.Failed && o.Tick == n.Tick {
			steps += min(o.Steps(), n.Steps())
		}
	}
	return steps, same
}

func sameCommand(a, b Command) bool {
	if a.Line != b.Line || a.Source != b.Source || a.Tick != b.Tick || a.Ticks != b.Ticks || a.Failed != b.Failed || len(a.Input) != len(b.Input) {
		return false
	}
	for i := range a.Input {
		if a.Input[i] != b.Input[i] {
			return false
		}
	}
	return true
}

func (s compareSnap) step() int64 { return s.cur.step }

// snapshot clones both panes and what has been seen so far.
func (c *Compare) snapshot() compareSnap {
	s := compareSnap{cur: c.cur, div: c.div}
	for i, p := range c.panes {
		s.sims[i], s.seen[i], s.facts[i] = p.sh.Sim().Clone(), p.seen, p.facts.clone()
	}
	return s
}

// restore goes back to the last snapshot at or before step.
func (c *Compare) restore(step int64) {
	s := c.snaps[sort.Search(len(c.snaps), func(i int) bool { return c.snaps[i].step() > step })-1]
	for i, p := range c.panes {
		sim := s.sims[i].Clone()
		p.sh, p.sim, p.seen, p.facts, p.view = cli.FromSim(sim), sim, s.seen[i], s.facts[i].clone(), nil
	}
	c.cur, c.div, c.logs, c.work = s.cur, s.div, nil, 0
}

// advance runs both panes forward to step, one step at a time, looking after each.
func (c *Compare) advance(step int64) error {
	for c.cur.step < step {
		if c.cur.idx >= len(c.cmds) {
			return errors.New("the comparison ran past the end of the log") // stepTotal rules this out
		}
		e := c.cmds[c.cur.idx]
		n := e.Steps()
		if c.cur.into >= n {
			c.cur.idx, c.cur.into = c.cur.idx+1, 0
			continue
		}
		before := c.panes[0].sh.Sim().Now()
		ran := false
		for i, p := range c.panes {
			pe := c.pcmds[i][c.cur.idx]
			switch {
			case e.timeLike():
				c.tickOnce(p, pe, c.cur.into+1 == n)
			default:
				ran = true
				if res := p.sh.Exec(pe.Line, pe.Input); res.Err != nil {
					p.facts.failed = append(p.facts.failed, failedCmd{Index: c.cur.idx, Line: e.Line, Err: res.Err.Error()})
				}
			}
			p.view = nil
		}
		tick := e.Tick
		c.cur.step++
		c.cur.into++
		if e.timeLike() {
			tick += c.cur.into
		}
		// The cursor stays on a finished entry until the next step: the clock's last entry
		// grows while the session plays on.
		c.observe(ran, tick)
		c.work += 1 + max(0, c.panes[0].sh.Sim().Now()-before)
		if c.work >= SnapshotEveryTicks {
			c.work = 0
			c.snaps = append(c.snaps, c.snapshot())
		}
	}
	return nil
}

// tickOnce runs one step of an entry that lets time pass. The clock's entries and `tick`
// commands are one tick a step. `settle` ran until the main session's cluster was quiet, and
// a pane's cluster may be quiet sooner or later than that: a pane ticks while it is busy, and
// at the entry's last step runs `settle` itself, so that each pane ends the entry as settled
// as the command would have left it.
func (c *Compare) tickOnce(p *pane, e Command, last bool) {
	sim := p.sh.Sim()
	if e.Source != SourceClock && isSettle(e.Line) {
		if last {
			p.sh.Exec(e.Line, nil) // a settle that cannot run changes nothing
			return
		}
		if quiet, _ := sim.Quiet(); quiet {
			return
		}
	}
	sim.Tick()
}

func isSettle(line string) bool {
	words, err := cli.Tokenize(line)
	return err == nil && len(words) > 0 && lineTool(words[0]) == "settle"
}

// View is one pane's view at the current step, built at most once per step.
func (c *Compare) view(side int) engine.View {
	p := c.panes[side]
	if p.view == nil {
		v := p.sh.Sim().View()
		p.view = &v
	}
	return *p.view
}

// observe reads what the last step did in each pane and, until the panes have diverged,
// compares their outcomes. Only a step in which something happened (an event, or a command)
// can change an outcome, so the quiet ticks of a long stretch of play cost almost nothing.
func (c *Compare) observe(ran bool, tick int64) {
	dirty := ran
	for i, p := range c.panes {
		if sim := p.sh.Sim(); sim != p.sim {
			// `reset` started a new cluster: what happened to the old one is history, but the
			// commands that failed are still the log's.
			failed := p.facts.failed
			p.sim, p.seen, p.facts = sim, 0, newPaneFacts()
			p.facts.failed = failed
			c.logs = nil
		}
		evs := p.sim.EventsSince(p.seen)
		p.seen += int64(len(evs))
		if len(evs) > 0 {
			dirty = true
			c.readEvents(i, evs)
		}
	}
	if !dirty || c.div != nil {
		return
	}
	if c.outcomesDiffer() {
		c.div = &Divergence{Step: c.cur.step, Tick: tick, TimeMs: c.cfg.TicksToMs(tick), Diffs: c.diffs()}
	}
}
