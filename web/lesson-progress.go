package web

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/lessons"
)

// ProgressKey is where the learner's lesson progress lives in the browser's localStorage.
const ProgressKey = "kafka-playground/lessons"

// progressVersion is the layout of what is stored under ProgressKey. It changes whenever the
// layout does, so that data saved by an older playground is reset rather than misread.
const progressVersion = 1

// savedProgress is what ProgressKey holds: per lesson (by slug) how far the learner got, and
// the lesson that was open, so that a reload takes the learner back to it.
type savedProgress struct {
	Version int                    `json:"version"`
	Open    string                 `json:"open,omitempty"`
	Lessons map[string]savedLesson `json:"lessons"`
}

type savedLesson struct {
	lessons.Progress
	// Done stays true once the lesson was finished, even when the learner goes through it again.
	Done bool `json:"done,omitempty"`
}

// LoadProgress reads the saved progress. Data that cannot be read, was saved by another
// version of the playground, or belongs to a lesson that has changed since is reset, and the
// learner is told so: the page never fails over what a browser kept.
func (a *App) LoadProgress() {
	a.Lesson.saved = savedProgress{Version: progressVersion, Lessons: map[string]savedLesson{}}
	if a.Host == nil {
		return
	}
	raw, err := a.Host.LoadStorage(ProgressKey)
	if err != nil {
		a.Lesson.Notice = "Lesson progress cannot be kept in this browser (" + err.Error() + "); lessons still work."
		a.Lesson.storageWarned = true
		return
	}
	if raw == "" {
		return
	}
	var p savedProgress
	switch err := json.Unmarshal([]byte(raw), &p); {
	case err != nil:
		a.resetProgress("could not be read")
		return
	case p.Version != progressVersion:
		a.resetProgress(fmt.Sprintf("was saved by another version of the playground (layout %d, this one reads %d)", p.Version, progressVersion))
		return
	}
	var changed []string
	for slug, s := range p.Lessons {
		l, err := lessons.BySlug(slug)
		if err != nil || s.Lesson != slug || s.Digest != l.Digest || !fits(s.Progress, l) {
			changed = append(changed, slug)
			continue
		}
		a.Lesson.saved.Lessons[slug] = s
	}
	if _, ok := a.Lesson.saved.Lessons[p.Open]; ok {
		a.Lesson.saved.Open = p.Open
	}
	if len(changed) > 0 {
		slices.Sort(changed)
		a.Lesson.Notice = fmt.Sprintf("Saved progress for %s no longer fits the lesson (it changed since), so that lesson starts afresh.", quoteList(changed))
		a.writeProgress()
	}
}

// fits says whether progress has the shape of the lesson, so that the picker's marks can be
// trusted before Resume checks the rest.
func fits(p lessons.Progress, l lessons.Lesson) bool {
	n := len(l.Steps)
	return p.Step >= 0 && p.Step < n && len(p.Passed) == n && len(p.Answers) == n
}

func quoteList(s []string) string {
	q := make([]string, len(s))
	for i, x := range s {
		q[i] = strconv.Quote(x)
	}
	return strings.Join(q, ", ")
}

func (a *App) resetProgress(why string) {
	a.Lesson.Notice = "Your saved lesson progress " + why + ", so it was reset. Lessons start afresh."
	a.writeProgress()
}

// saveProgress records the open lesson's progress (classroom demos are not tracked) and which
// lesson is open.
func (a *App) saveProgress() {
	if a.Lesson.saved.Lessons == nil {
		a.Lesson.saved = savedProgress{Version: progressVersion, Lessons: map[string]savedLesson{}}
	}
	a.Lesson.saved.Open = ""
	if r := a.Lesson.Run; r != nil && r.Started() && r.Lesson().Kind == lessons.KindLesson {
		slug := r.Lesson().Slug
		old := a.Lesson.saved.Lessons[slug]
		a.Lesson.saved.Lessons[slug] = savedLesson{Progress: r.Progress(), Done: old.Done || r.Finished()}
		a.Lesson.saved.Open = slug
	}
	a.writeProgress()
}

func (a *App) forgetProgress(slug string) {
	delete(a.Lesson.saved.Lessons, slug)
	a.writeProgress()
}

// writeProgress stores the progress. A browser that refuses (storage full, or disabled) is
// told about once; the lesson goes on without it.
func (a *App) writeProgress() {
	if a.Host == nil {
		return
	}
	if a.Lesson.saved.Lessons == nil {
		a.Lesson.saved = savedProgress{Version: progressVersion, Lessons: map[string]savedLesson{}}
	}
	a.Lesson.saved.Version = progressVersion
	b, err := json.Marshal(a.Lesson.saved)
	if err == nil {
		err = a.Host.SaveStorage(ProgressKey, string(b))
	}
	if err != nil && !a.Lesson.storageWarned {
		a.Lesson.storageWarned = true
		a.Lesson.Notice = "Lesson progress cannot be saved in this browser (" + err.Error() + "); lessons still work."
	}
}

// LessonStatus is how far the learner got in a lesson, for the picker's marks.
type LessonStatus string

// The picker's marks, written as words as well as icons.
const (
	StatusNew        LessonStatus = "not started"
	StatusInProgress LessonStatus = "in progress"
	StatusDone       LessonStatus = "done"
)

// Status is how far the learner got in the lesson with that slug.
func (a *App) Status(slug string) LessonStatus {
	s, ok := a.Lesson.saved.Lessons[slug]
	switch {
	case !ok:
		return StatusNew
	case s.Done:
		return StatusDone
	}
	if started(s.Progress) {
		return StatusInProgress
	}
	return StatusNew
}

// RestoreLessons runs once at start-up: it reads the saved progress, then opens what the
// page's query asks for (see OpenFromQuery) or, when it asks for nothing, the lesson that was
// open before the page was reloaded.
func (a *App) RestoreLessons(query string) {
	a.LoadProgress()
	if a.OpenFromQuery(query) {
		return
	}
	slug := a.Lesson.saved.Open
	if slug == "" {
		return
	}
	l, err := lessons.BySlug(slug)
	if err != nil {
		return
	}
	if a.resumeLesson(l, a.Lesson.saved.Lessons[slug].Progress) != nil {
		a.StartLesson(l, 0)
	}
}
