package session

// Source says who dispatched a command. The log keeps it so that a teacher can tell typed
// commands from button presses, and so that undo can skip the clock.
type Source string

// Sources of commands.
const (
	SourceConsole Source = "console" // typed in the console or the terminal
	SourceUI      Source = "ui"      // a button, menu or dialog
	SourceClock   Source = "clock"   // play and step: always a `tick N` line
	SourceLesson  Source = "lesson"  // a lesson's setup, demo or reveal
	SourceScript  Source = "script"  // a statement of an imported script
)

// Command is one entry of a session's command log: a line of the command language, the lines
// it reads (a console producer's records) and the simulated time it ran at. A failed command
// changed nothing (the command language promises that), so replay skips it; it stays in the
// log so that exports tell the whole story.
//
// Ticks is set on commands that only let time pass (`tick 5s`, `settle`): how many ticks they
// ran. The timeline gives such a command one step per tick, as it does the clock's entries, so
// that a learner can stop in the middle of a settle and the scrubber moves with time.
type Command struct {
	Line   string   `json:"line"`
	Input  []string `json:"input,omitempty"`
	Source Source   `json:"source,omitempty"`
	Tick   int64    `json:"tick"`
	Ticks  int64    `json:"ticks,omitempty"`
	Failed bool     `json:"failed,omitempty"`
}

// IsUser says whether a person asked for the command (undo and redo step over these), as
// opposed to the clock moving.
func (c Command) IsUser() bool { return c.Source != SourceClock }
