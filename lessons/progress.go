package lessons

import "fmt"

// Progress is what a learner has done in one lesson: small, plain and JSON-friendly, for the
// browser to keep in localStorage. The cluster is not part of it; Resume rebuilds one.
type Progress struct {
	Lesson  string `json:"lesson"` // the lesson's slug
	Digest  string `json:"digest"` // the file's digest when saved: an edited lesson is not resumed
	Step    int    `json:"step"`
	Passed  []bool `json:"passed"`
	Answers []int  `json:"answers"` // the first choice per quiz step, -1 when unanswered
}

// Progress returns the run's progress.
func (r *Run) Progress() Progress {
	p := Progress{Lesson: r.lesson.Slug, Digest: r.lesson.Digest, Step: r.index,
		Passed: make([]bool, len(r.lesson.Steps)), Answers: make([]int, len(r.lesson.Steps))}
	for i := range r.lesson.Steps {
		p.Passed[i] = r.Passed(i)
		p.Answers[i] = -1
		if r.started {
			p.Answers[i] = r.answers[i]
		}
	}
	return p
}

// Resume starts the lesson over and brings it to saved progress: the cluster is rebuilt as if
// every step before p.Step had been done (see FastForward), and answers and passed tasks are
// restored. Progress saved for another lesson, or for an earlier version of this one, is an
// error, so that the caller can start afresh and say why.
func (r *Run) Resume(p Progress) error {
	if err := r.fits(p); err != nil {
		return err
	}
	if err := r.Start(); err != nil {
		return err
	}
	if err := r.FastForward(p.Step); err != nil {
		return err
	}
	r.restore(p)
	if r.lesson.Steps[r.index].Kind == StepQuiz && r.answers[r.index] >= 0 {
		// The learner had answered the quiz they stopped at, so its reveal had played.
		r.played[r.index] = true
		return r.exec(r.lesson.Steps[r.index].Quiz.Reveal)
	}
	return nil
}

// fits says why progress cannot be the progress of this lesson, if it cannot.
func (r *Run) fits(p Progress) error {
	n := len(r.lesson.Steps)
	switch {
	case p.Lesson != r.lesson.Slug:
		return fmt.Errorf("saved progress is for lesson %q, not %q", p.Lesson, r.lesson.Slug)
	case p.Digest != r.lesson.Digest:
		return fmt.Errorf("lesson %q has changed since its progress was saved", r.lesson.Slug)
	case p.Step < 0 || p.Step >= n || len(p.Passed) != n || len(p.Answers) != n:
		return fmt.Errorf("saved progress for lesson %q does not fit it (step %d of %d)", r.lesson.Slug, p.Step+1, n)
	}
	for i, a := range p.Answers {
		if a >= 0 && (r.lesson.Steps[i].Quiz == nil || a >= len(r.lesson.Steps[i].Quiz.Choices)) {
			return fmt.Errorf("saved progress for lesson %q has an impossible answer at step %d", r.lesson.Slug, i+1)
		}
	}
	return nil
}

// restore takes the passed tasks and the answers of p.
func (r *Run) restore(p Progress) {
	for i := range r.lesson.Steps {
		if r.lesson.Steps[i].Kind == StepTask {
			r.passed[i] = p.Passed[i]
		}
		if p.Answers[i] >= 0 {
			r.answers[i] = p.Answers[i]
		}
	}
}

// Adopt takes over a cluster that is already where p says, because a shared session rebuilt it
// command by command (lesson commands included), and sets the run's place without running
// anything. eventsSeen is StepEventsSince as it was when the session was shared: the goals
// of some tasks look only at the events since their step began.
func (r *Run) Adopt(p Progress, eventsSeen int64) error {
	if err := r.fits(p); err != nil {
		return err
	}
	n := len(r.lesson.Steps)
	r.started, r.index = true, p.Step
	r.entered, r.played, r.passed = make([]bool, n), make([]bool, n), make([]bool, n)
	r.answers, r.since = make([]int, n), make([]int64, n)
	for i := range n {
		r.answers[i] = -1
		// Every step up to this one was reached, and the demos and reveals on the way played.
		r.entered[i] = i <= p.Step
		r.played[i] = i < p.Step || (i == p.Step && r.lesson.Steps[i].Kind == StepDemo)
	}
	r.restore(p)
	if r.lesson.Steps[p.Step].Kind == StepQuiz && r.answers[p.Step] >= 0 {
		r.played[p.Step] = true
	}
	r.since[p.Step] = max(eventsSeen, 0)
	if r.OnStep != nil {
		r.OnStep(r.index)
	}
	return nil
}

// StepEventsSince is the event count when the current step was first reached.
func (r *Run) StepEventsSince() int64 {
	if !r.started || r.index >= len(r.since) {
		return 0
	}
	return r.since[r.index]
}
