package session

import (
	"slices"
	"strconv"
	"strings"
)

// A step is the unit of the timeline: one command, except that the clock's `tick N` entries,
// and commands that only let time pass (Command.Ticks), are one step per tick, so that a
// learner can stop inside a stretch of play. A failed command changed nothing and takes no
// step. Step 0 is the fresh cluster; step k is the state after the first k steps.

// Steps is the number of steps a command takes.
func (c Command) Steps() int64 {
	if c.Failed {
		return 0
	}
	if c.Source == SourceClock {
		if n, ok := ClockTicks(c.Line); ok {
			return n
		}
	}
	if c.Ticks > 0 {
		return c.Ticks
	}
	return 1
}

// timeLike says whether the command only lets time pass, one step per tick: replaying part of
// it is running that many ticks.
func (c Command) timeLike() bool { return !c.Failed && (c.Source == SourceClock || c.Ticks > 0) }

// ClockTicks reads the clock's own line, `tick N`.
func ClockTicks(line string) (int64, bool) {
	s, ok := strings.CutPrefix(line, "tick ")
	if !ok {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n < 1 {
		return 0, false
	}
	return n, true
}

// ClockLine is the clock's line for n ticks.
func ClockLine(n int64) string { return "tick " + strconv.FormatInt(n, 10) }

// StepCount is the number of steps of a command log: the last position of its timeline.
func StepCount(cmds []Command) int64 {
	var n int64
	for _, c := range cmds {
		n += c.Steps()
	}
	return n
}

// CutAt returns the commands up to step: those that began before it, with a time-like entry
// the step falls inside of cut down to the ticks run before it. It is the log the timeline keeps
// when acting in the past forks it, and what `kafkasim --import` goes on from when a session
// was saved while looking at the past.
//
//	[broker kill 1, tick 10 (clock), state]  cut at 4: [broker kill 1, tick 3 (clock)]
func CutAt(cmds []Command, step int64) []Command {
	var start int64
	for i, c := range cmds {
		if start >= step {
			return slices.Clone(cmds[:i])
		}
		if n := step - start; c.Steps() > n { // only time-like entries are longer than one step
			out := slices.Clone(cmds[:i+1])
			cut := &out[i]
			cut.Line = ClockLine(n)
			if cut.Source != SourceClock {
				cut.Ticks, cut.Input = n, nil
			}
			return out
		}
		start += c.Steps()
	}
	return slices.Clone(cmds)
}
