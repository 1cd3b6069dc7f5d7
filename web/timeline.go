package web

import (
	"strconv"
	"time"
)

// Time travel. The session's timeline (engine/session) holds the whole run; these are the
// controls the timeline panel and the event log offer. Moving in time pauses the clock: a
// learner who drags the scrubber wants to look, and the clock would drag the position away.
// Acting at a past moment forks the run (the session says so in the console), and Undo fork
// puts the future back.

// GoTo shows the run at a step.
func (a *App) GoTo(step int64) {
	start := time.Now()
	a.pause()
	a.Guard(func() { a.S.GoTo(step) })
	a.afterTravel()
	if a.Timing != nil {
		a.Timing("seek", time.Since(start))
	}
}

// Scrub is the scrubber's input: its value is a step.
func (a *App) Scrub(value string) {
	step, err := strconv.ParseInt(value, 10, 64)
	if err != nil {
		return // a range input only ever sends numbers; ignore anything else
	}
	a.GoTo(step)
}

// BackTick goes back one tick (one step).
func (a *App) BackTick() { a.GoTo(a.S.Run().Position() - 1) }

// ForwardTick goes forward one tick: through the recorded future in the past, live at the end.
func (a *App) ForwardTick() { a.Step() }

// PrevEvent goes back to the last marked event before the position.
func (a *App) PrevEvent() {
	if p := a.S.TimelineView().PrevEvent; p >= 0 {
		a.GoTo(p)
	}
}

// NextEvent goes forward to the next marked event.
func (a *App) NextEvent() {
	if p := a.S.TimelineView().NextEvent; p >= 0 {
		a.GoTo(p)
	}
}

// BackToNow goes to the end of the run, where commands append again.
func (a *App) BackToNow() { a.GoTo(a.S.Run().Len()) }

// Undo goes back to just before the last command.
func (a *App) Undo() {
	a.pause()
	a.Guard(a.S.Undo)
	a.afterTravel()
}

// Redo goes forward over the next command.
func (a *App) Redo() {
	a.pause()
	a.Guard(a.S.Redo)
	a.afterTravel()
}

// UndoFork puts back the future the last fork set aside.
func (a *App) UndoFork() {
	a.pause()
	a.Guard(a.S.UndoFork)
	a.afterTravel()
}

// GoToEvent jumps to the moment an event of the log happened (clicking it in the event log).
func (a *App) GoToEvent(seq int64) {
	if step, ok := a.S.Run().StepOfEvent(seq); ok {
		a.GoTo(step)
	}
}

func (a *App) pause() {
	if a.S.Playing {
		a.S.TogglePlay()
	}
}

// afterTravel brings what depends on the cluster up to the new moment: the topic shown, the
// lesson's goal, and the what-if comparison, which follows the main session's position.
func (a *App) afterTravel() {
	if a.Topic != "" {
		if _, ok := a.S.View().Topic(a.Topic); !ok {
			a.Topic = ""
		}
	}
	a.CheckGoal()
	a.SyncWhatIf()
}
