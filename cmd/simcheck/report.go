package main

import (
	"fmt"
	"io"
	"maps"
	"slices"
	"time"
)

// report adds up the seeds' outcomes.
type report struct {
	seeds, violations int
	ticks             int64
	faults, lostSafe  int
	lostUnsafe        int
	maxConverge       int64
	losses            map[lossClass]*lossTally
	byInvariant       map[string]int
}

func (t *report) add(res seedResult) {
	o := res.out
	t.seeds++
	t.ticks += o.Ticks
	t.faults += o.Faults
	t.lostUnsafe += o.unsafeLost()
	t.maxConverge = max(t.maxConverge, o.ConvergeTicks)
	for c, l := range o.Losses {
		if t.losses[c] == nil {
			t.losses[c] = &lossTally{}
		}
		t.losses[c].add(l)
	}
	if o.Violation != nil {
		t.violations++
		if t.byInvariant == nil {
			t.byInvariant = map[string]int{}
		}
		t.byInvariant[o.Violation.Invariant]++
	}
}

// print writes the loss table, the figures and, last, the one summary line.
func (t *report) print(w io.Writer, wall time.Duration, workers int) {
	fmt.Fprintf(w, "\nacknowledged records lost, by configuration (topics = topic runs with it; safe = acks=all, min.insync.replicas>=2, unclean off):\n")
	fmt.Fprintf(w, "  %-4s %-7s %-7s %6s %10s %9s %8s %8s  %s\n", "acks", "min.isr", "unclean", "topics", "with-loss", "acked", "lost", "lost%", "")
	for _, c := range sortedClasses(t.losses) {
		l := t.losses[c]
		u := "off"
		if c.Unclean {
			u = "on"
		}
		pct := 0.0
		if l.Acked > 0 {
			pct = 100 * float64(l.Lost) / float64(l.Acked)
		}
		note := ""
		if c.safe() {
			note = "safe: must be 0"
		}
		fmt.Fprintf(w, "  %-4s %-7d %-7s %6d %10d %9d %8d %7.3f%%  %s\n", c.Acks, c.MinISR, u, l.Topics, l.LossTopics, l.Acked, l.Lost, pct, note)
	}
	for _, name := range slices.Sorted(maps.Keys(t.byInvariant)) {
		fmt.Fprintf(w, "violations of %s: %d\n", name, t.byInvariant[name])
	}
	secs := wall.Seconds()
	fmt.Fprintf(w, "wall time %.1fs on %d worker(s): %.0f seeds/s, %.0f ticks/s; slowest convergence after repair %s\n",
		secs, workers, float64(t.seeds)/secs, float64(t.ticks)/secs, convergence(t.maxConverge))
	fmt.Fprintf(w, "seeds=%d ticks=%d faults=%d violations=%d lost_unsafe=%d\n", t.seeds, t.ticks, t.faults, t.violations, t.lostUnsafe)
}
