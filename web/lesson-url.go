package web

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/lessons"
)

// Links open a lesson at a step: ?lesson=4, ?lesson=partitions-and-keys&step=3,
// ?lesson=demo-failover&step=5&classroom=1, or ?classroom=1 for the failover demo. Steps count
// from 1, as the lesson panel shows them. The engine is deterministic, so replaying a lesson to
// step N on another machine rebuilds exactly the cluster the presenter shows: that is the
// students' link.

// ClassroomDemo is the demo that classroom mode presents.
const ClassroomDemo = "demo-failover"

// LessonLink is what a page address asks of the lessons.
type LessonLink struct {
	Lesson    lessons.Lesson
	Step      int // from 0
	Classroom bool
}

// ParseLessonQuery reads a page's query (with or without its "?"). ok is false when it asks for
// no lesson; an error says, in words for the page, what is wrong with it.
func ParseLessonQuery(query string) (link LessonLink, ok bool, err error) {
	q, err := url.ParseQuery(strings.TrimPrefix(query, "?"))
	if err != nil {
		return LessonLink{}, true, fmt.Errorf("the address cannot be read (%v)", err)
	}
	name, step, class := q.Get("lesson"), q.Get("step"), q.Get("classroom")
	switch class {
	case "", "0", "false":
	case "1", "true":
		link.Classroom = true
		if name == "" {
			name = ClassroomDemo
		}
	default:
		return LessonLink{}, true, fmt.Errorf("classroom=%q: write classroom=1 to present", class)
	}
	if name == "" {
		if step != "" {
			return LessonLink{}, true, fmt.Errorf("step=%s needs a lesson, for example ?lesson=4&step=%s", step, step)
		}
		return LessonLink{}, false, nil
	}
	if n, err := strconv.Atoi(name); err == nil {
		link.Lesson, err = lessons.ByNumber(n)
		if err != nil {
			return LessonLink{}, true, err
		}
	} else if link.Lesson, err = lessons.BySlug(name); err != nil {
		return LessonLink{}, true, err
	}
	if step != "" {
		n, err := strconv.Atoi(step)
		steps := len(link.Lesson.Steps)
		if err != nil || n < 1 || n > steps {
			return LessonLink{}, true, fmt.Errorf("%q has steps 1 to %d, not step=%s", link.Lesson.Title, steps, step)
		}
		link.Step = n - 1
	}
	return link, true, nil
}

// OpenFromQuery opens what a page's query asks for and reports whether it asked for a lesson at
// all. A bad query opens nothing: the learner gets the fresh default cluster and a notice that
// says what was wrong.
func (a *App) OpenFromQuery(query string) bool {
	link, ok, err := ParseLessonQuery(query)
	if err != nil {
		a.Lesson.Notice = "The link asks for a lesson this playground cannot open: " + err.Error() + ". Here is a fresh cluster instead."
		return true
	}
	if !ok {
		return false
	}
	a.StartLesson(link.Lesson, link.Step)
	if link.Classroom {
		a.presentRun()
	}
	return true
}

// StudentsLink is the address that opens the current step of the open lesson on another
// machine, with the same cluster.
func (a *App) StudentsLink() string {
	r := a.Lesson.Run
	if r == nil {
		return ""
	}
	return a.Lesson.BaseURL + "?lesson=" + url.QueryEscape(r.Lesson().Slug) + "&step=" + strconv.Itoa(r.Index()+1)
}
