// Package web is the browser playground's user interface: Vugu components over one App, which
// owns the session. Components hold no engine state of their own and change the simulation only
// by dispatching command lines through App.Dispatch, so every click is also a lesson in the CLI
// and lands in the command log that time travel replays. Nothing here touches JavaScript, so the
// whole package builds and is tested on the host; the browser glue lives in wasm/.
package web

import (
	"fmt"
	"runtime/debug"
	"strings"
	"time"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/web/lanes"
	"github.com/kafka-playground/playground/web/model"
	"github.com/vugu/vugu/js"
)

// Crash is what the error banner shows after a Go panic was caught: enough to reproduce it.
type Crash struct {
	Message     string
	Seed        uint64
	LastCommand string
	Stack       string
}

// Host is what the browser side offers the components. Tests use a fake.
type Host interface {
	// FocusCommand moves keyboard focus to the console input.
	FocusCommand()
	// MountList hands over the element an incremental list ("console" or "events") is drawn
	// into; Vugu leaves its children alone.
	MountList(name string, el js.Value)
	// LoadStorage returns what SaveStorage kept under key in the browser ("" when nothing is);
	// lesson progress lives there.
	LoadStorage(key string) (string, error)
	SaveStorage(key, value string) error
	// CopyText puts text on the clipboard; an error means it did not.
	CopyText(text string) error
	// Download saves content as a file the learner downloads.
	Download(name, mime, content string) error
	// PickFile asks the learner for a file and calls done with its text, later, under the
	// same lock as every other event.
	PickFile(accept string, done func(name, content string, err error))
	// Deflate compresses data as raw DEFLATE (RFC 1951), and Inflate undoes it, stopping after
	// max+1 bytes of output; each calls done later, under the same lock as every other event.
	// Session links use them: the browser has DEFLATE built in, so the wasm build leaves Go's
	// out (engine/session/link.go).
	Deflate(data []byte, done func(deflated []byte, err error))
	Inflate(deflated []byte, max int, done func(data []byte, err error))
}

// App is the whole UI state. Vugu event handlers and the clock goroutine mutate it only while
// holding the EventEnv lock; the lanes layer reads it under the read lock.
type App struct {
	S    *model.Session
	Host Host

	Crash *Crash

	// Lanes state.
	Topic     string // the topic drawn in the logs panel; "" = all
	Highlight lanes.Highlight

	// Open menus and dialogs.
	MenuBroker      int32 // broker whose action menu is open; -1 = none
	ShowNewTopic    bool
	ShowHelp        bool
	ShowAddProducer bool
	ShowAddConsumer bool

	// Forms. Numbers are kept as typed so a bad value can be shown back with its error.
	TopicForm   TopicDraft
	Produce     ProduceDraft
	NewProducer ProducerDraft
	NewConsumer ConsumerDraft
	FormError   string // the last form's validation error, shown next to it

	// Console.
	CommandInput string
	History      model.History

	EventFilter string

	// Lessons, the picker and classroom mode (lesson.go).
	Lesson LessonState

	// Links, exports and imports (share.go).
	Share ShareState

	WhatIf WhatIfState // the what-if comparison (whatif.go)

	// Timing, when set, is told how long a costly action took ("seek"): `make bench` reads it.
	Timing func(name string, took time.Duration)
}

// NewApp starts the UI on a fresh cluster.
func NewApp(cfg engine.Config) (*App, error) {
	s, err := model.NewSession(cfg)
	if err != nil {
		return nil, err
	}
	a := &App{S: s, MenuBroker: -1, EventFilter: "all", Highlight: lanes.Highlight{Broker: -1, Partition: -1}}
	a.Lesson.Picked = -1
	a.TopicForm = TopicDraft{Name: "orders", Partitions: "3", ReplicationFactor: "3", MinISR: "2"}
	a.Produce = ProduceDraft{Key: "alice", Value: "order", Count: "3"}
	a.NewProducer = ProducerDraft{Name: "p1", Acks: "all", Idempotence: true, Rate: "5", Keys: "alice,bob,carol"}
	a.NewConsumer = ConsumerDraft{Name: "c1", Group: "g1", Assignor: "cooperative-sticky"}
	return a, nil
}

// Guard runs f and turns a panic into the error banner instead of a dead page: in wasm an
// unrecovered panic exits the Go program and freezes the UI. The session goes on; the banner
// names the seed and the last command so the bug can be reproduced with kafkasim.
func (a *App) Guard(f func()) {
	defer func() {
		if r := recover(); r != nil {
			a.Recovered(r, string(debug.Stack()))
		}
	}()
	f()
}

// Recovered records a panic caught anywhere (a handler, the clock, the animation loop).
func (a *App) Recovered(r any, stack string) {
	c := &Crash{Message: fmt.Sprint(r), Stack: stack}
	if a.S != nil {
		c.Seed, c.LastCommand = a.S.Sim().Seed(), a.S.LastCommand()
		a.S.Print("err", "Internal error: "+c.Message)
	}
	a.Crash = c
}

// DismissCrash hides the banner.
func (a *App) DismissCrash() { a.Crash = nil }

// Dispatch runs one command line from the UI or the console, guarded.
func (a *App) Dispatch(line string, input []string, src model.Source) (res cli.Result) {
	a.Guard(func() {
		res = a.S.Exec(line, input, src)
		a.lessonSaw(line, input, src)
	})
	a.SyncWhatIf()
	if a.Topic != "" {
		if _, ok := a.S.View().Topic(a.Topic); !ok {
			a.Topic = "" // the topic shown was deleted (or the cluster reset)
		}
	}
	return res
}

// RunConsole runs what is typed in the console.
func (a *App) RunConsole() {
	line := a.CommandInput
	a.CommandInput = ""
	a.RunConsoleLine(line)
}

// RunConsoleLine runs one console line: a command, or `clear`, which empties the scrollback.
func (a *App) RunConsoleLine(line string) {
	if line = strings.TrimSpace(line); line == "" {
		return
	}
	a.History.Add(line)
	if line == "clear" {
		a.S.ClearConsole()
		return
	}
	if words, err := cli.Tokenize(line); err == nil && len(words) > 0 && words[0] == "session" {
		a.Guard(func() { a.SessionCommand(line, words[1:]) })
		return
	}
	a.Dispatch(line, nil, model.SourceConsole)
}

// TogglePlay, Step and SetSpeed are the clock controls.
func (a *App) TogglePlay() { a.Guard(a.S.TogglePlay) }

// Step advances one tick.
func (a *App) Step() {
	a.Guard(func() {
		a.S.Step()
		a.CheckGoal()
	})
	a.SyncWhatIf()
}

// TimeText is the simulated time as the header shows it.
func (a *App) TimeText() string { return "t = " + engine.FormatSimTime(a.S.Sim().NowMs()) }

// Tick is the clock goroutine's entry: it advances by elapsedMs of wall-clock time when playing.
func (a *App) Tick(elapsedMs float64) (ticks int64) {
	a.Guard(func() {
		if ticks = a.S.Advance(elapsedMs); ticks > 0 {
			a.CheckGoal()
		}
	})
	if ticks > 0 {
		a.SyncWhatIf()
	}
	return ticks
}

// SelectEvent highlights what an event line names, on the lanes and the broker cards.
func (a *App) SelectEvent(t model.Target) {
	a.Highlight = lanes.Highlight{Broker: t.Broker, Topic: t.Topic, Partition: t.Partition, Offsets: t.Offsets}
	if t.Topic != "" && a.Topic != "" && a.Topic != t.Topic {
		a.Topic = t.Topic
	}
}

// SelectEventSeq highlights what the event with that sequence number names, if the log still
// holds it.
func (a *App) SelectEventSeq(seq int64) {
	for _, l := range a.S.Events.Lines("all", 0) {
		if l.Seq == seq {
			a.SelectEvent(l.Target)
			return
		}
	}
}

// ClearHighlight removes the highlight.
func (a *App) ClearHighlight() { a.Highlight = lanes.Highlight{Broker: -1, Partition: -1} }

// LanesOptions are the lanes layer's options for the current state, for a container widthPx
// wide (0: the default window).
func (a *App) LanesOptions(reducedMotion bool, widthPx float64) lanes.Options {
	o := lanes.Options{Highlight: a.Highlight, ReducedMotion: reducedMotion}
	if widthPx > 0 {
		o.WindowCells = lanes.CellsForWidth(widthPx)
	}
	if a.S.Playing {
		o.MsPerTick = 1000 / a.S.Speed()
	}
	if a.Topic != "" {
		o.Topics = []string{a.Topic}
	}
	return o
}
