package lessons

import (
	"errors"
	"fmt"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
)

// Session is what a Run needs from whoever owns the cluster: the terminal's shell, or the
// browser's session (which also logs each command in its console and time-travel history).
// Lesson commands go through Exec exactly like the learner's own, so they show up the same.
type Session interface {
	Exec(line string, input []string) cli.Result
	// Sim is the current cluster; goals read its view and its events.
	Sim() *engine.Sim
}

// ShellSession adapts a shell, for the terminal and for tests.
func ShellSession(sh *cli.Shell) Session { return shellSession{sh} }

type shellSession struct{ sh *cli.Shell }

func (s shellSession) Exec(line string, input []string) cli.Result { return s.sh.Exec(line, input) }
func (s shellSession) Sim() *engine.Sim                            { return s.sh.Sim() }

// ErrNotStarted is returned by the methods that need the lesson's cluster before Start.
var ErrNotStarted = errors.New("the lesson has not started yet")

// Run is one learner going through one lesson. It knows where the learner is, what was played
// and answered, and checks goals; it prints nothing and owns no clock, so the terminal and the
// browser each present it their own way and drive time themselves. Going Back moves only the
// narration: the cluster keeps what happened, and demos already played do not play again. A Run
// is not safe for concurrent use; the browser drives it under the same lock as the session.
type Run struct {
	// OnStep, if set, is called whenever the current step changes (Start, Next, Back), before
	// a demo reached for the first time plays: the moment to show the step's narration, so
	// that it comes before the demo's output.
	OnStep func(i int)

	lesson  Lesson
	sess    Session
	started bool
	index   int
	entered []bool  // the step has been reached at least once
	played  []bool  // its demo or quiz reveal has played
	answers []int   // the first choice picked per quiz step, -1 before
	passed  []bool  // a task's goal has held at least once
	since   []int64 // the event count when the step was first reached
}

// NewRun prepares a run of l against a session. Nothing happens until Start.
func NewRun(l Lesson, s Session) *Run {
	return &Run{lesson: l, sess: s}
}

// Lesson is the lesson being run.
func (r *Run) Lesson() Lesson { return r.lesson }

// ResetCommand is the command Start begins with: a fresh cluster as the front matter asks.
func (r *Run) ResetCommand() string {
	c := r.lesson.Cluster
	return fmt.Sprintf("reset --brokers %d --controllers %d --seed %d", c.Brokers, c.Controllers, c.Seed)
}

// Start (or start over) builds the lesson's cluster, runs its setup and enters the first step,
// playing it if it is a demo. An error means a command of the lesson could not run; it names
// the file and line.
func (r *Run) Start() error {
	n := len(r.lesson.Steps)
	r.started, r.index = false, 0
	r.entered, r.played, r.passed = make([]bool, n), make([]bool, n), make([]bool, n)
	r.answers, r.since = make([]int, n), make([]int64, n)
	for i := range r.answers {
		r.answers[i] = -1
	}
	if res := r.sess.Exec(r.ResetCommand(), nil); res.Err != nil {
		return fmt.Errorf("%s: cannot start the lesson's cluster: %w", r.lesson.File, res.Err)
	}
	if err := r.exec(r.lesson.Setup); err != nil {
		return err
	}
	r.started = true
	if n == 0 {
		return nil
	}
	return r.enter()
}

// Started says whether Start has run successfully.
func (r *Run) Started() bool { return r.started }

// Index is the current step, from 0.
func (r *Run) Index() int { return r.index }

// Len is the number of steps.
func (r *Run) Len() int { return len(r.lesson.Steps) }

// Step is the current step.
func (r *Run) Step() Step {
	if r.index < len(r.lesson.Steps) {
		return r.lesson.Steps[r.index]
	}
	return Step{}
}

// Next moves to the following step and plays it if it is a demo reached for the first time.
// It returns false, and does nothing, at the last step.
func (r *Run) Next() (bool, error) {
	if !r.started {
		return false, ErrNotStarted
	}
	if r.index+1 >= len(r.lesson.Steps) {
		return false, nil
	}
	r.index++
	return true, r.enter()
}

// Back moves to the previous step without undoing anything. It returns false at the first step.
func (r *Run) Back() bool {
	if !r.started || r.index == 0 {
		return false
	}
	r.index--
	if r.OnStep != nil {
		r.OnStep(r.index)
	}
	return true
}

func (r *Run) enter() error {
	i := r.index
	if !r.entered[i] {
		r.entered[i] = true
		r.since[i] = r.sess.Sim().EventCount()
	}
	if r.OnStep != nil {
		r.OnStep(i)
	}
	s := r.lesson.Steps[i]
	if s.Kind == StepDemo && !r.played[i] {
		r.played[i] = true
		return r.exec(s.Demo)
	}
	return nil
}

// exec runs lesson commands, stopping at the first that cannot run: that is a mistake in the
// lesson (the tests run every command of every lesson), so it is reported with its line.
func (r *Run) exec(cmds []Command) error {
	for _, c := range cmds {
		if res := r.sess.Exec(c.Line, c.Input); res.Err != nil {
			return fmt.Errorf("%s:%d: %s: %w", r.lesson.File, c.SourceLine, c.Line, res.Err)
		}
	}
	return nil
}

// StepEvents returns the events since the current step was first reached: what task goals
// about events look at.
func (r *Run) StepEvents() []engine.Event {
	if !r.started {
		return nil
	}
	sim := r.sess.Sim()
	since := r.since[r.index]
	if since > sim.EventCount() { // the learner started a new cluster meanwhile
		since = 0
	}
	return sim.EventsSince(since)
}

// Check evaluates the current task's goal against view (and the step's events) and returns
// whether it holds and what was seen. Once a goal has held, the task counts as passed even if
// the cluster moves on. Demo steps always hold; a quiz holds once answered.
func (r *Run) Check(view engine.View) (bool, string) {
	if !r.started || r.index >= len(r.lesson.Steps) {
		return false, ErrNotStarted.Error()
	}
	s := r.lesson.Steps[r.index]
	switch s.Kind {
	case StepTask:
		ok, detail := s.Task.Goal.Eval(State{View: view, Events: r.StepEvents()})
		if ok {
			r.passed[r.index] = true
		}
		return ok, detail
	case StepQuiz:
		if r.answers[r.index] < 0 {
			return false, "not answered yet"
		}
		return true, ""
	}
	return true, ""
}

// Passed says whether step i is done: a demo reached, a quiz answered, a task whose goal held.
func (r *Run) Passed(i int) bool {
	if !r.started || i < 0 || i >= len(r.lesson.Steps) {
		return false
	}
	switch r.lesson.Steps[i].Kind {
	case StepTask:
		return r.passed[i]
	case StepQuiz:
		return r.answers[i] >= 0
	}
	return r.entered[i]
}

// Finished says whether every step is done.
func (r *Run) Finished() bool {
	for i := range r.lesson.Steps {
		if !r.Passed(i) {
			return false
		}
	}
	return r.started
}

// Hint returns the current task's hint i (from 0), and false past the last one.
func (r *Run) Hint(i int) (string, bool) {
	s := r.Step()
	if s.Task == nil || i < 0 || i >= len(s.Task.Hints) {
		return "", false
	}
	return s.Task.Hints[i], true
}

// Solution returns the current task's solution as the learner would type it, one statement
// per entry (a console producer with its records on the following lines). It is for showing,
// or for putting into the console; Solution runs nothing.
func (r *Run) Solution() []string {
	s := r.Step()
	if s.Task == nil {
		return nil
	}
	out := make([]string, len(s.Task.Solution))
	for i, c := range s.Task.Solution {
		out[i] = c.Script()
	}
	return out
}

// Answer picks choice (from 0) of the current quiz and returns whether it is right and its
// explanation. The first answer plays the reveal, which shows the truth in the cluster;
// answering again explains the other choice but plays nothing.
func (r *Run) Answer(choice int) (correct bool, explain string, err error) {
	if !r.started {
		return false, "", ErrNotStarted
	}
	s := r.Step()
	if s.Quiz == nil {
		return false, "", errors.New("this step is not a question")
	}
	if choice < 0 || choice >= len(s.Quiz.Choices) {
		return false, "", fmt.Errorf("choose an answer from 1 to %d", len(s.Quiz.Choices))
	}
	c := s.Quiz.Choices[choice]
	if r.answers[r.index] < 0 {
		r.answers[r.index] = choice
	}
	if !r.played[r.index] {
		r.played[r.index] = true
		if err := r.exec(s.Quiz.Reveal); err != nil {
			return c.Correct, c.Explain, err
		}
	}
	return c.Correct, c.Explain, nil
}

// Answered returns the first choice picked at the current step, if any.
func (r *Run) Answered() (int, bool) {
	if !r.started || r.index >= len(r.answers) || r.answers[r.index] < 0 {
		return -1, false
	}
	return r.answers[r.index], true
}

// Played says whether the current step's demo or quiz reveal has played.
func (r *Run) Played() bool { return r.started && r.index < len(r.played) && r.played[r.index] }

// FastForward brings the run to step i as a learner who did everything would have: each step
// before it is completed on the way (a task by its solution followed by settle, a quiz by
// playing its reveal without an answer). It is how saved progress is resumed, and how the
// tests reach a step. It cannot go backwards.
func (r *Run) FastForward(i int) error {
	if !r.started {
		return ErrNotStarted
	}
	if i < r.index || i >= len(r.lesson.Steps) {
		return fmt.Errorf("cannot fast-forward from step %d to step %d of %d", r.index+1, i+1, len(r.lesson.Steps))
	}
	for r.index < i {
		if err := r.Complete(); err != nil {
			return err
		}
		if _, err := r.Next(); err != nil {
			return err
		}
	}
	return nil
}

// Complete does the current step for the learner: it plays a task's solution and settles,
// or a quiz's reveal. Demos have already played.
func (r *Run) Complete() error {
	if !r.started {
		return ErrNotStarted
	}
	s := r.Step()
	switch s.Kind {
	case StepTask:
		if err := r.exec(s.Task.Solution); err != nil {
			return err
		}
		if res := r.sess.Exec("settle", nil); res.Err != nil {
			return res.Err
		}
		r.passed[r.index] = true
	case StepQuiz:
		if !r.played[r.index] {
			r.played[r.index] = true
			return r.exec(s.Quiz.Reveal)
		}
	}
	return nil
}
