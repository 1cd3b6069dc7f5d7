package session

// Format and Version name the session file format; the version changes whenever a field
// changes meaning, and a reader refuses versions it does not know rather than guess.
const (
	Format  = "kafka-playground-session"
	Version = 1
)

// File is a whole session as data: the JSON export, the body of a shared link and what
// `kafkasim --import` reads. Position is where the learner was looking (a step of the
// Timeline, see Timeline.Position); nil means the end. Lesson is the lesson that was open.
type File struct {
	Format   string      `json:"format"`
	Version  int         `json:"version"`
	Setup    Setup       `json:"setup"`
	Commands []Command   `json:"commands"`
	Position *int64      `json:"position,omitempty"`
	Lesson   *LessonMark `json:"lesson,omitempty"`
}

// LessonMark is the lesson open in a session: its slug, the step shown (from 0), what was
// passed and answered, and the event count when that step was entered (the goals of some
// steps look only at events since then). The cluster is not part of it: replaying the
// commands rebuilds it, lesson commands included.
type LessonMark struct {
	Slug       string `json:"slug"`
	Digest     string `json:"digest"`
	Step       int    `json:"step"`
	Passed     []bool `json:"passed"`
	Answers    []int  `json:"answers"`
	EventsSeen int64  `json:"eventsSeen"`
}
