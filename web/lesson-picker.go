package web

import (
	"html"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/lessons"
	"github.com/vugu/vugu"
)

// LessonPicker lists the lessons with their objectives and how far the learner got in each.
// Like the lesson panel, each item is a few nodes: its button and its details as built HTML.
type LessonPicker struct {
	App *App
}

type pickerItem struct {
	Slug, Label, RestartLabel string
	Status                    LessonStatus
	Restart                   bool
	Button, Meta              vugu.HTML
}

// statusMarks tell the marks apart without colour.
var statusMarks = map[LessonStatus]string{StatusNew: "", StatusInProgress: "◐ in progress", StatusDone: "✓ done"}

func (c *LessonPicker) items() []pickerItem {
	all, err := lessons.All()
	if err != nil {
		c.App.Lesson.Notice = "The lessons cannot be loaded: " + err.Error()
		return nil
	}
	out := make([]pickerItem, len(all))
	for i, l := range all {
		st := c.App.Status(l.Slug)
		num := strconv.Itoa(l.Number)
		var meta strings.Builder
		meta.WriteString(`<span class="lesson-status ` + strings.ReplaceAll(string(st), " ", "-") + `">` + statusMarks[st] + `</span><ul class="objectives">`)
		for _, o := range l.Objectives {
			meta.WriteString("<li>" + string(inlineHTML(o)) + "</li>")
		}
		meta.WriteString("</ul>")
		out[i] = pickerItem{Slug: l.Slug, Label: "Lesson " + num + ": " + l.Title, RestartLabel: "Start lesson " + num + " over",
			Status: st, Restart: st == StatusInProgress, Meta: vugu.HTML(meta.String()),
			Button: vugu.HTML(`<span class="lesson-num">` + num + `</span> <span class="lesson-name">` + html.EscapeString(l.Title) + `</span>`)}
	}
	return out
}

// restart starts a lesson in progress from its first step; the saved place is replaced.
func (c *LessonPicker) restart(slug string) {
	l, err := lessons.BySlug(slug)
	if err != nil {
		return
	}
	c.App.Lesson.ShowPicker = false
	c.App.StartLesson(l, 0)
}
