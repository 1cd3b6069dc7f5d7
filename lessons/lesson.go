package lessons

import "strings"

// Kind tells a lesson from a classroom demo. Both are loaded, validated and run the same way;
// the browser shows them in different layouts.
type Kind string

// The two kinds of lesson files, told apart by their file names: NN-slug.md and demo-slug.md.
const (
	KindLesson Kind = "lesson"
	KindDemo   Kind = "demo"
)

// Lesson is one lesson file, validated. Every field is plain data so that the browser can keep
// it in its state and the terminal can print it; nothing in it runs on its own.
type Lesson struct {
	Kind   Kind
	Number int    // NN of the file name; 0 for demos
	Slug   string // the name without the number and .md: "partitions-and-keys", "demo-failover"
	File   string // the name Parse was given, used in errors
	// Digest changes whenever the file does, so saved progress can tell that the lesson it
	// refers to was edited since (its steps may have moved).
	Digest     string
	Title      string
	Objectives []string
	Intro      string // Markdown: the body of the file, after the front matter
	Cluster    Cluster
	Setup      []Command
	Steps      []Step
}

// ID is how progress and links name a lesson: the slug, which survives renumbering.
func (l Lesson) ID() string { return l.Slug }

// Cluster is the fresh cluster a lesson starts on. Every lesson starts from a reset, so that
// what the learner did before cannot make a task true or a demo show something else.
type Cluster struct {
	Brokers     int
	Controllers int
	Seed        uint64
}

// Command is one statement of the command language: a command line, and for a console
// producer the records it reads.
type Command struct {
	Line  string
	Input []string
	// SourceLine is where the command is written in the lesson file, for error messages.
	SourceLine int
}

// Script renders the command the way a learner would type or paste it: the command line, then
// one line per record.
func (c Command) Script() string {
	if len(c.Input) == 0 {
		return c.Line
	}
	return c.Line + "\n" + strings.Join(c.Input, "\n")
}

// StepKind says what a step asks of the learner.
type StepKind string

// Step kinds: a demo plays commands while the learner watches, a task waits for a goal, a quiz
// asks for a prediction before its reveal shows the truth.
const (
	StepDemo StepKind = "demo"
	StepTask StepKind = "task"
	StepQuiz StepKind = "quiz"
)

// Step is one beat of a lesson: narration, and exactly one of Demo, Task or Quiz.
type Step struct {
	Kind      StepKind
	Line      int    // where the step starts in the file
	Narration string // Markdown, one to three sentences
	Highlight []Mention
	Demo      []Command
	Task      *Task
	Quiz      *Quiz
	// Expect, on a demo or a quiz, is what the step's commands must have made true. Tests check
	// it, so a narration that says "the ISR shrank" is proven against the engine; the browser
	// may ignore it.
	Expect *Goal
}

// Task is something the learner does. Check is the authored sentence shown in the goal panel;
// Goal is what is actually evaluated, and can describe itself for comparison.
type Task struct {
	Goal     *Goal
	Check    string
	Hints    []string
	Solution []Command
}

// Quiz is a predict-then-reveal question: the learner answers first, then Reveal plays.
type Quiz struct {
	Question string
	Choices  []Choice
	Reveal   []Command
}

// Choice is one answer to a quiz with the explanation shown after it is picked.
type Choice struct {
	Text    string
	Correct bool
	Explain string
}

// Correct returns the index of the correct choice (Parse guarantees there is exactly one).
func (q Quiz) Correct() int {
	for i, c := range q.Choices {
		if c.Correct {
			return i
		}
	}
	return -1
}
