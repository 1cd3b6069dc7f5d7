package main

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// Names of the violations simcheck adds to the engine's invariants.
const (
	violationLiveness = "Liveness"
	violationSafeLoss = "NoAcknowledgedRecordLostUnderSafeSettings"
	violationPanic    = "NoInternalError"
)

// check is an extra invariant run after every tick and command next to the engine's. Tests use
// it to inject a violation and see that it is reported with its seed and a script.
type check func(*engine.Sim) []engine.Violation

// runner runs plans. It is safe to use from several goroutines: each run has its own Shell.
type runner struct {
	livenessTicks int64 // how long the cluster may take to converge once everything is repaired
	extra         []check
}

// outcome is what one run of a plan found.
type outcome struct {
	Ticks         int64
	Faults        int
	Errors        int // statements that could not run (legitimate: a commit after a rebalance)
	Violation     *violation
	ConvergeTicks int64 // ticks from the last repair to convergence; -1 when it did not converge
	Losses        map[lossClass]*lossTally
}

// violation is the first broken invariant of a run. Stmt is the index of the statement that was
// running, or len(stmts) and more during the liveness phase.
type violation struct {
	Invariant string
	Tick      int64
	Detail    string
	Stmt      int
}

func (v *violation) String() string {
	return fmt.Sprintf("%s at tick %d (%s): %s", v.Invariant, v.Tick, engine.FormatSimTime(v.Tick*100), v.Detail)
}

// lossTally counts one configuration's topics and records in one or more runs.
type lossTally struct {
	Topics     int // topic instances run with this configuration
	LossTopics int // of which lost at least one acknowledged record
	Acked      int // records acknowledged to producers
	Lost       int // acknowledged records the engine reported LOST
}

func (t *lossTally) add(o *lossTally) {
	t.Topics += o.Topics
	t.LossTopics += o.LossTopics
	t.Acked += o.Acked
	t.Lost += o.Lost
}

// runOptions select what a run does after the safety phase.
type runOptions struct {
	liveness bool // run the liveness phase
}

// run executes the plan's statements stmts (the plan's own, or a shrunk list) and then, unless
// told not to, the liveness phase. It stops at the first violation.
func (r *runner) run(p plan, stmts []stmt, opt runOptions) outcome {
	out := outcome{ConvergeTicks: -1, Losses: map[lossClass]*lossTally{}}
	cfg := engine.DefaultConfig()
	cfg.Seed, cfg.Brokers, cfg.Controllers = p.Seed, p.Brokers, p.Controllers
	sh, err := cli.New(cfg)
	if err != nil {
		out.Violation = &violation{Invariant: violationPanic, Detail: err.Error()}
		return out
	}
	sim := sh.Sim()
	chk := engine.NewInvariantChecker()
	current := 0
	liveness := false
	var livenessFrom int64
	sim.SetObserver(func(s *engine.Sim) {
		if out.Violation != nil {
			return
		}
		vs := chk.Check(s)
		for _, c := range r.extra {
			vs = append(vs, c(s)...)
		}
		if len(vs) > 0 {
			v := vs[0]
			out.Violation = &violation{Invariant: v.Invariant, Tick: v.Tick, Detail: v.Detail, Stmt: current}
			return
		}
		if liveness && out.ConvergeTicks < 0 {
			if ok, _ := s.Converged(); ok {
				out.ConvergeTicks = s.Now() - livenessFrom
			}
		}
	})
	exec := func(i int, st stmt) {
		current = i
		res := sh.Exec(st.Line, st.Input)
		if res.Err != nil {
			out.Errors++
			if strings.HasPrefix(res.Err.Error(), "internal error") && out.Violation == nil {
				out.Violation = &violation{Invariant: violationPanic, Tick: sim.Now(), Detail: res.Err.Error(), Stmt: i}
			}
		}
	}
	for i, st := range stmts {
		if out.Violation != nil {
			break
		}
		if st.Fault {
			out.Faults++
		}
		exec(i, st)
	}
	if opt.liveness && out.Violation == nil {
		repairs := livenessState(p, stmts).repairs()
		for i, st := range repairs {
			exec(len(stmts)+i, st)
		}
		liveness, livenessFrom = true, sim.Now()
		if ok, _ := sim.Converged(); ok && out.Violation == nil {
			out.ConvergeTicks = 0
		}
		for out.Violation == nil && out.ConvergeTicks < 0 && sim.Now()-livenessFrom < r.livenessTicks {
			exec(len(stmts)+len(repairs), stmt{Line: fmt.Sprintf("tick %d", min(10, r.livenessTicks-(sim.Now()-livenessFrom)))})
		}
		if out.Violation == nil && out.ConvergeTicks < 0 {
			_, why := sim.Converged()
			out.Violation = &violation{Invariant: violationLiveness, Tick: sim.Now(), Stmt: len(stmts) + len(repairs),
				Detail: fmt.Sprintf("not converged %s after every fault was repaired: %s",
					engine.FormatSimTime(cfg.TicksToMs(r.livenessTicks)), why)}
		}
	}
	out.Ticks = sim.Now()
	r.tallyLosses(p, sim, &out)
	return out
}

// tallyLosses classifies the acknowledged records the engine reported LOST by the durability
// configuration of their topic. A loss under the safe configuration is a violation.
func (r *runner) tallyLosses(p plan, sim *engine.Sim, out *outcome) {
	lost := map[string]int{}
	var firstSafe *engine.Event
	safe := map[string]bool{}
	for _, t := range p.Topics {
		safe[t.Name] = t.class().safe()
	}
	for _, e := range sim.Events() {
		if e.Kind != engine.EventRecordsLost {
			continue
		}
		lost[e.Topic] += len(e.Offsets)
		if safe[e.Topic] && firstSafe == nil {
			firstSafe = &e
		}
	}
	acked := map[string]int{}
	for _, pv := range sim.View().Producers {
		acked[pv.Topic] += pv.Stats.Acked
	}
	for _, t := range p.Topics {
		c := t.class()
		tl := out.Losses[c]
		if tl == nil {
			tl = &lossTally{}
			out.Losses[c] = tl
		}
		tl.Topics++
		tl.Acked += acked[t.Name]
		tl.Lost += lost[t.Name]
		if lost[t.Name] > 0 {
			tl.LossTopics++
		}
	}
	if firstSafe != nil && out.Violation == nil {
		out.Violation = &violation{Invariant: violationSafeLoss, Tick: firstSafe.Tick, Stmt: -1,
			Detail: fmt.Sprintf("%s (topic %s has acks=all, min.insync.replicas>=2, unclean off)", firstSafe.Message, firstSafe.Topic)}
	}
}

// unsafeLost counts the acknowledged records lost under configurations Kafka does not make safe.
func (o outcome) unsafeLost() int {
	n := 0
	for c, t := range o.Losses {
		if !c.safe() {
			n += t.Lost
		}
	}
	return n
}

// replay renders what a run executed as a kafkasim script: the statements, the liveness
// repairs and the wait for convergence, ending with the state so the reader sees where it stopped.
func (r *runner) replay(p plan, stmts []stmt, v *violation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# simcheck seed %d: %s\n", p.Seed, v.Invariant)
	if v.Stmt >= 0 && v.Stmt < len(stmts) {
		b.WriteString(script(stmts[:v.Stmt+1]))
	} else {
		b.WriteString(script(stmts))
		repairs := livenessState(p, stmts).repairs()
		fmt.Fprintf(&b, "# liveness: everything is repaired; the cluster must converge within %s\n",
			engine.FormatSimTime(r.livenessTicks*100))
		b.WriteString(script(repairs))
		fmt.Fprintf(&b, "tick %d\n", r.livenessTicks)
	}
	b.WriteString("state\n")
	return b.String()
}

// sortedClasses lists loss classes in a stable order: acks, then min ISR, then unclean.
func sortedClasses[V any](m map[lossClass]V) []lossClass {
	cs := make([]lossClass, 0, len(m))
	for c := range m {
		cs = append(cs, c)
	}
	order := map[string]int{"0": 0, "1": 1, "all": 2}
	slices.SortFunc(cs, func(a, b lossClass) int {
		switch {
		case a.Acks != b.Acks:
			return order[a.Acks] - order[b.Acks]
		case a.MinISR != b.MinISR:
			return a.MinISR - b.MinISR
		case a.Unclean != b.Unclean:
			if a.Unclean {
				return 1
			}
			return -1
		}
		return 0
	})
	return cs
}
