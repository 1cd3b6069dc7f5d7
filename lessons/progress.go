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
	if err := r.Start(); err != nil {
		return err
	}
	if err := r.FastForward(p.Step); err != nil {
		return err
	}
	for i := range r.lesson.Steps {
		if r.lesson.Steps[i].Kind == StepTask {
			r.passed[i] = p.Passed[i]
		}
		if p.Answers[i] >= 0 {
			r.answers[i] = p.Answers[i]
		}
	}
	if r.lesson.Steps[r.index].Kind == StepQuiz && r.answers[r.index] >= 0 {
		// The learner had answered the quiz they stopped at, so its reveal had played.
		r.played[r.index] = true
		return r.exec(r.lesson.Steps[r.index].Quiz.Reveal)
	}
	return nil
}
