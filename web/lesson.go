package web

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/kafka-playground/playground/lessons"
	"github.com/kafka-playground/playground/web/lanes"
	"github.com/kafka-playground/playground/web/model"
)

// LessonState is the lessons' part of the App: the picker, the lesson being run with its goal
// and quiz feedback, the learner's saved progress and classroom mode. A lesson drives the same
// session as everything else: its commands go through App.Dispatch (source "lesson"), so they
// are echoed in the console and recorded in the command log, and closing the lesson leaves the
// cluster exactly as it is, as a sandbox.
type LessonState struct {
	ShowPicker bool
	// Run is the lesson or demo open; nil in the sandbox.
	Run *lessons.Run
	// Classroom is the presenter layout (classroom.go).
	Classroom bool
	// Notice is told to the learner until dismissed: progress that could not be read, a link
	// that named no lesson. Error is a lesson command that failed, which is a bug in a lesson.
	Notice, Error string

	// The current step: hints shown so far, whether the solution is shown, the quiz choice
	// picked last (-1: none) and what the goal check saw.
	HintsShown   int
	SolutionOpen bool
	SolutionNote string
	Picked       int
	GoalDetail   string

	// BaseURL is the page's address without its query, for the students' link.
	BaseURL string

	// solutionQueue is the rest of a shown solution: after the learner runs its first
	// statement from the console, the next one is put in the console input.
	solutionQueue  []lessons.Command
	headInForm     bool // the queue's head is in the produce form, not the console input
	checkedVersion uint64
	busy           bool
	renderSoon     bool
	storageWarned  bool // the learner was told that progress cannot be saved
	saved          savedProgress
	qr             qrCache
}

// lessonSession runs a lesson's commands through the App, like every other command.
type lessonSession struct{ a *App }

func (s lessonSession) Exec(line string, input []string) cli.Result {
	return s.a.Dispatch(line, input, model.SourceLesson)
}

func (s lessonSession) Sim() *engine.Sim { return s.a.S.Sim() }

// OpenLesson opens a lesson from the picker: where the learner left it, or from the start.
func (a *App) OpenLesson(slug string) {
	l, err := lessons.BySlug(slug)
	if err != nil {
		a.Lesson.Notice = err.Error()
		return
	}
	a.Lesson.ShowPicker = false
	if p, ok := a.Lesson.saved.Lessons[slug]; ok && !p.Done && started(p.Progress) {
		if err := a.resumeLesson(l, p.Progress); err == nil {
			return
		}
		// resumeLesson said why; the lesson starts afresh below.
	}
	a.StartLesson(l, 0)
}

// started says whether saved progress has anything worth resuming.
func started(p lessons.Progress) bool {
	return p.Step > 0 || slices.Contains(p.Passed, true) || slices.ContainsFunc(p.Answers, func(a int) bool { return a >= 0 })
}

// StartLesson starts l on a fresh cluster and brings it to step (from 0), as a learner who did
// every step before it would have. The clock is paused, so the learner reads before anything
// moves.
func (a *App) StartLesson(l lessons.Lesson, step int) {
	r := a.newRun(l)
	a.lessonAction(func() error {
		if err := r.Start(); err != nil {
			return err
		}
		if step > 0 {
			return r.FastForward(step)
		}
		return nil
	})
}

// newRun leaves any open lesson and opens a run of l, with the clock paused so the learner
// reads before anything moves. Nothing has run yet.
func (a *App) newRun(l lessons.Lesson) *lessons.Run {
	a.closeRun()
	if a.S.Playing {
		a.TogglePlay()
	}
	r := lessons.NewRun(l, lessonSession{a})
	r.OnStep = a.enterStep
	a.Lesson.Run = r
	return r
}

// resumeLesson rebuilds the cluster of saved progress. Progress that no longer fits the lesson
// (it was edited since) is dropped with a notice.
func (a *App) resumeLesson(l lessons.Lesson, p lessons.Progress) error {
	r := a.newRun(l)
	var err error
	a.lessonAction(func() error {
		err = r.Resume(p)
		return nil
	})
	if err != nil {
		a.Lesson.Notice = fmt.Sprintf("Your place in %q could not be restored (%v), so it starts again from the beginning.", l.Title, err)
		a.forgetProgress(l.Slug)
		a.Lesson.Run = nil
	}
	return err
}

// CloseLesson leaves the lesson; the cluster stays as it is, a sandbox to keep playing in.
// Progress stays saved, so the picker offers to continue.
func (a *App) CloseLesson() {
	a.closeRun()
	a.saveProgress()
}

func (a *App) closeRun() {
	if a.Lesson.Run != nil {
		a.saveProgress()
	}
	a.Lesson.Run = nil
	a.Lesson.Classroom = false
	presenting.Store(false)
	a.Lesson.Error = ""
	a.resetStepState()
	a.ClearHighlight()
}

func (a *App) resetStepState() {
	a.Lesson.HintsShown, a.Lesson.SolutionOpen, a.Lesson.Picked = 0, false, -1
	a.Lesson.GoalDetail, a.Lesson.solutionQueue, a.Lesson.checkedVersion = "", nil, 0
	a.Lesson.SolutionNote, a.Lesson.headInForm = "", false
}

// lessonAction runs a step of the lesson (start, next, an answer) with goal checks held off
// until it is done, saves the progress and checks the goal once.
func (a *App) lessonAction(f func() error) {
	a.Lesson.busy = true
	var err error
	a.Guard(func() { err = f() })
	a.Lesson.busy = false
	a.Lesson.Error = ""
	if err != nil {
		a.Lesson.Error = "This lesson could not go on: " + err.Error()
	}
	a.saveProgress()
	a.CheckGoal()
}

// enterStep is the Run's OnStep: a new step's narration is about to show.
func (a *App) enterStep(i int) {
	a.resetStepState()
	if r := a.Lesson.Run; r != nil {
		if c, ok := r.Answered(); ok {
			a.Lesson.Picked = c
		}
		a.highlightMentions(r.Lesson().Steps[i].Highlight)
	}
}

// LessonNext moves to the next step once this one is done (the button is disabled before). In
// classroom mode Next does the step for the presenter instead, so a clicker never gets stuck.
func (a *App) LessonNext() {
	r := a.Lesson.Run
	if r == nil {
		return
	}
	if !r.Passed(r.Index()) && !a.Lesson.Classroom {
		return
	}
	a.lessonAction(func() error {
		if !r.Passed(r.Index()) {
			if err := r.Complete(); err != nil {
				return err
			}
		}
		_, err := r.Next()
		return err
	})
}

// LessonBack shows the previous step's narration; the cluster keeps what happened.
func (a *App) LessonBack() {
	if r := a.Lesson.Run; r != nil && r.Back() {
		a.saveProgress()
	}
}

// ShowHint reveals the next hint of the current task.
func (a *App) ShowHint() {
	r := a.Lesson.Run
	if r == nil {
		return
	}
	if _, ok := r.Hint(a.Lesson.HintsShown); ok {
		a.Lesson.HintsShown++
	}
}

// Hints are the hints revealed so far.
func (a *App) Hints() []string {
	r := a.Lesson.Run
	if r == nil {
		return nil
	}
	var out []string
	for i := 0; i < a.Lesson.HintsShown; i++ {
		if h, ok := r.Hint(i); ok {
			out = append(out, h)
		}
	}
	return out
}

// ShowSolution shows the current task's solution and puts its first statement where the
// learner runs it, without running anything: a command line into the console input, a console
// producer's records into the produce form (the browser's console reads one line, not the
// records that follow a producer's command line). After the learner runs a statement from the
// console, the next one takes its place in the input.
func (a *App) ShowSolution() {
	r := a.Lesson.Run
	if r == nil || r.Step().Task == nil {
		return
	}
	a.Lesson.SolutionOpen = true
	a.Lesson.solutionQueue = slices.Clone(r.Step().Task.Solution)
	a.offerSolution()
}

// offerSolution puts the head of the solution queue where the learner can run it.
func (a *App) offerSolution() {
	q := a.Lesson.solutionQueue
	if len(q) == 0 {
		return
	}
	if d, ok := produceDraftFor(q[0]); ok {
		a.Produce, a.CommandInput, a.Lesson.headInForm = d, "", true
		a.Lesson.SolutionNote = "The records are in the produce form above the logs: press Produce to send them."
		return
	}
	a.CommandInput, a.Lesson.headInForm = q[0].Line, false
	a.Lesson.SolutionNote = "The next command is in the console: press Enter there to run it."
	if cli.NeedsInput(q[0].Line) {
		a.Lesson.SolutionNote = "The browser's console reads no records after a producer's command line: " +
			"send them with the produce form, or run the solution in the terminal (kafkasim)."
	}
	if a.Host != nil {
		a.Host.FocusCommand()
	}
}

// SolutionText is the whole solution as the terminal would take it.
func (a *App) SolutionText() string {
	r := a.Lesson.Run
	if r == nil {
		return ""
	}
	return strings.Join(r.Solution(), "\n")
}

// lessonSaw follows what the learner runs: a statement of the shown solution makes way for the
// next one, and every command may have made the goal true.
func (a *App) lessonSaw(line string, input []string, src model.Source) {
	if q := a.Lesson.solutionQueue; len(q) > 0 && src != model.SourceLesson {
		ran := strings.TrimSpace(line) == q[0].Line
		if a.Lesson.headInForm {
			ran = src == model.SourceUI && cli.NeedsInput(line) && len(input) > 0
		}
		if ran {
			a.Lesson.solutionQueue = q[1:]
			a.Lesson.SolutionNote = ""
			a.offerSolution()
		}
	}
	a.CheckGoal()
}

// produceDraftFor turns a console producer's statement into the produce form, when the form
// can send the same records: one topic, and every record with the same key and value.
func produceDraftFor(c lessons.Command) (ProduceDraft, bool) {
	words, err := cli.Tokenize(c.Line)
	if err != nil || len(c.Input) == 0 || !cli.NeedsInput(c.Line) {
		return ProduceDraft{}, false
	}
	d := ProduceDraft{Count: fmt.Sprint(len(c.Input))}
	parseKey, sep := false, "\t"
	for i := 0; i+1 < len(words); i++ {
		switch words[i] {
		case "--topic":
			d.Topic = words[i+1]
		case "--property":
			k, v, _ := strings.Cut(words[i+1], "=")
			switch k {
			case "parse.key":
				parseKey = v == "true"
			case "key.separator":
				sep = v
			}
		case "--request-required-acks":
			d.Acks = words[i+1]
		case "--producer-property":
			return ProduceDraft{}, false // a setting the form cannot express
		}
	}
	for i, rec := range c.Input {
		key, value := "", rec
		if parseKey {
			var ok bool
			if key, value, ok = strings.Cut(rec, sep); !ok {
				return ProduceDraft{}, false
			}
		}
		if i == 0 {
			d.Key, d.Value = key, value
		} else if key != d.Key || value != d.Value {
			return ProduceDraft{}, false
		}
	}
	if d.Acks == "-1" || d.Acks == "all" {
		d.Acks = ""
	}
	return d, d.Topic != ""
}

// AnswerQuiz picks choice i of the current quiz. The first answer plays the reveal.
func (a *App) AnswerQuiz(i int) {
	r := a.Lesson.Run
	if r == nil || r.Step().Quiz == nil {
		return
	}
	a.Lesson.Picked = i
	a.lessonAction(func() error {
		_, _, err := r.Answer(i)
		return err
	})
}

// CheckGoal checks the current task's goal after every change of the session. Once it has
// held, the step is done: the goal panel turns green, the progress is saved and the page asks
// for a render at once rather than at the clock's next panel render. Callers run it under
// App.Guard, like the command that changed the session.
func (a *App) CheckGoal() {
	r := a.Lesson.Run
	if r == nil || a.Lesson.busy || !r.Started() || r.Step().Kind != lessons.StepTask || r.Passed(r.Index()) {
		return
	}
	v := a.S.Version()
	if v == a.Lesson.checkedVersion {
		return
	}
	a.Lesson.checkedVersion = v
	_, a.Lesson.GoalDetail = r.Check(a.S.View())
	if r.Passed(r.Index()) {
		a.Lesson.solutionQueue, a.Lesson.SolutionNote = nil, ""
		a.Lesson.renderSoon = true
		a.saveProgress()
	}
}

// TakeRenderSoon reports, once, that something the learner waits for just happened (a goal
// was reached), so the clock loop renders now instead of at its next panel render.
func (a *App) TakeRenderSoon() bool {
	soon := a.Lesson.renderSoon
	a.Lesson.renderSoon = false
	return soon
}

// highlightMentions shows what a step's narration talks about, as clicking an event line does:
// a broker's card and lanes, a partition (or a whole topic when several of its partitions are
// named), records by offset. Groups and clients have no place on the lanes and are left out.
func (a *App) highlightMentions(ms []lessons.Mention) {
	h := lanes.Highlight{Broker: -1, Partition: -1}
	parts := map[int32]bool{}
	wholeTopic := false
	for _, m := range ms {
		switch m.Kind {
		case "broker":
			if h.Broker < 0 {
				h.Broker = m.Broker
			}
		case "topic", "partition", "record":
			if h.Topic == "" {
				h.Topic = m.Topic
			}
			if m.Topic != h.Topic {
				continue
			}
			if m.Kind == "topic" {
				wholeTopic = true
				continue
			}
			parts[m.Partition] = true
			if m.Kind == "record" {
				h.Offsets = append(h.Offsets, m.Offset)
			}
		}
	}
	if len(parts) == 1 && !wholeTopic {
		for p := range parts {
			h.Partition = p
		}
	}
	if len(parts) != 1 {
		h.Offsets = nil // offsets name records of one partition
	}
	a.Highlight = h
	if h.Topic != "" && a.Topic != "" && a.Topic != h.Topic {
		a.Topic = h.Topic
	}
}
