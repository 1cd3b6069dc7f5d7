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
type Command struct {
	Line   string   `json:"line"`
	Input  []string `json:"input,omitempty"`
	Source Source   `json:"source,omitempty"`
	Tick   int64    `json:"tick"`
	Failed bool     `json:"failed,omitempty"`
}

// IsUser says whether a person asked for the command (undo and redo step over these), as
// opposed to the clock moving.
func (c Command) IsUser() bool { return c.Source != SourceClock }
