package web

import (
	"fmt"
	"html"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/lessons"
	"github.com/vugu/vugu"
)

// LessonPanel is the open lesson: its narration with Back and Next, the goal of a task (green,
// and saying so, the moment it holds) with hints and the solution, a quiz's choices and the
// explanation of each answer, and in classroom mode the students' link.
//
// The panel is a handful of template elements: the text is built here as HTML, and the buttons
// are data (panelButton) rendered by one template element per row. Each element of a Vugu
// template compiles to about 1 KB of compressed wasm, and the whole playground must stay within
// its download budget. Lesson text is our own Markdown, rendered
// when the curriculum was compiled, so it is trusted; anything else (what a goal check saw,
// the students' link) is escaped.
type LessonPanel struct {
	App *App
}

func (c *LessonPanel) run() *lessons.Run { return c.App.Lesson.Run }

func (c *LessonPanel) step() lessons.Step { return c.run().Step() }

func (c *LessonPanel) panelClass() string {
	if c.App.Lesson.Classroom {
		return "panel lesson presenting"
	}
	return "panel lesson"
}

func (c *LessonPanel) finishedAttr() string { return strconv.FormatBool(c.finished()) }

// heading is the lesson's title and where the learner is in it ("Step 2 of 7").
func (c *LessonPanel) heading() vugu.HTML {
	l := c.run().Lesson()
	title, word := fmt.Sprintf("Lesson %d · %s", l.Number, l.Title), "Step"
	if l.Kind == lessons.KindDemo {
		title, word = l.Title, "Beat"
	}
	return vugu.HTML(fmt.Sprintf(`<h2 class="lesson-title" id="lesson-title">%s</h2> <span class="lesson-pos" id="lesson-pos">%s %d of %d</span>`,
		html.EscapeString(title), word, c.run().Index()+1, c.run().Len()))
}

// panelButton is one button of the panel. Label, Title and Pressed are nil when the button has
// none (Vugu leaves nil attributes out): a choice is named by its text.
type panelButton struct {
	ID, Class             string
	Text                  vugu.HTML
	Label, Title, Pressed any
	Disabled              bool
	Do                    func()
}

// navButtons are Back, Next, Exit classroom (when presenting) and Close.
func (c *LessonPanel) navButtons() []panelButton {
	out := []panelButton{
		{ID: "lesson-back", Class: "btn", Label: "Back", Text: "◂ Back", Disabled: c.atFirst(), Do: c.back},
		{ID: "lesson-next", Class: "btn primary", Label: "Next", Text: "Next ▸", Title: c.nextTitle(), Disabled: c.nextDisabled(), Do: c.App.LessonNext},
	}
	if c.App.Lesson.Classroom {
		out = append(out, panelButton{ID: "exit-classroom", Class: "btn", Label: "Exit classroom", Text: "Exit classroom",
			Do: func() { c.App.SetClassroom(false) }})
	}
	return append(out, panelButton{ID: "lesson-close", Class: "btn", Label: "Close lesson", Text: "✕",
		Title: "Close the lesson; the cluster stays as it is", Do: c.App.CloseLesson})
}

// actionButtons are what the step asks for: Hint and Show solution on a task, the choices of a
// quiz, and at the end Keep playing and Next lesson.
func (c *LessonPanel) actionButtons() []panelButton {
	var out []panelButton
	if c.isTask() && !c.passed() {
		out = append(out,
			panelButton{ID: "lesson-hint", Class: "btn small", Label: "Hint", Text: "Hint", Disabled: !c.moreHints(), Do: c.App.ShowHint},
			panelButton{ID: "lesson-solution", Class: "btn small", Label: "Show solution", Text: "Show solution", Do: c.App.ShowSolution})
	}
	if q := c.step().Quiz; q != nil {
		first, answered := c.run().Answered()
		for i, ch := range q.Choices {
			class := "btn choice"
			if answered && ch.Correct {
				class += " correct"
			} else if answered && i == first {
				class += " wrong"
			}
			if i == c.App.Lesson.Picked {
				class += " picked"
			}
			out = append(out, panelButton{ID: "choice-" + strconv.Itoa(i+1), Class: class, Text: inlineHTML(ch.Text),
				Pressed: strconv.FormatBool(i == c.App.Lesson.Picked), Do: func() { c.App.AnswerQuiz(i) }})
		}
	}
	if c.finished() {
		out = append(out, panelButton{ID: "keep-playing", Class: "btn primary", Label: "Keep playing", Text: "Keep playing", Do: c.App.CloseLesson})
		if next := c.nextLesson(); next != "" {
			out = append(out, panelButton{ID: "next-lesson", Class: "btn", Label: "Next lesson", Text: "Next lesson ▸",
				Do: func() { c.App.OpenLesson(next) }})
		}
	}
	return out
}

func (c *LessonPanel) atFirst() bool { return c.run().Index() == 0 }

// back goes back a step; in classroom mode it also rebuilds the cluster of that beat.
func (c *LessonPanel) back() {
	if c.App.Lesson.Classroom {
		c.App.ClassroomBack()
		return
	}
	c.App.LessonBack()
}

func (c *LessonPanel) atLast() bool { return c.run().Index()+1 >= c.run().Len() }

// nextDisabled: a step must be done before the next one (a quiz answered before its reveal, a
// task's goal reached), except in classroom mode, where Next does the step for the presenter.
func (c *LessonPanel) nextDisabled() bool {
	if c.atLast() {
		return true
	}
	return !c.App.Lesson.Classroom && !c.passed()
}

func (c *LessonPanel) nextTitle() string {
	switch {
	case c.atLast():
		return "This is the last step"
	case c.nextDisabled() && c.step().Kind == lessons.StepQuiz:
		return "Answer the question first"
	case c.nextDisabled():
		return "Reach the goal first (Hint and Show solution help)"
	}
	return "Next step"
}

func (c *LessonPanel) passed() bool { return c.run().Passed(c.run().Index()) }

// text is what the learner reads first: the lesson's introduction on its first step, the
// step's narration, and a quiz's question.
func (c *LessonPanel) text() vugu.HTML {
	var b strings.Builder
	l, s := c.run().Lesson(), c.step()
	if c.run().Index() == 0 && l.Intro != "" && !c.App.Lesson.Classroom {
		b.WriteString(`<div class="lesson-intro">` + lessons.HTML(l.Intro) + `</div>`)
	}
	b.WriteString(`<div class="narration" id="narration">` + lessons.HTML(s.Narration) + `</div>`)
	if s.Quiz != nil {
		b.WriteString(`<p class="question" id="question">` + string(inlineHTML(s.Quiz.Question)) + `</p>`)
	}
	return vugu.HTML(b.String())
}

func (c *LessonPanel) isTask() bool { return c.step().Task != nil }

func (c *LessonPanel) goalState() string {
	if c.passed() {
		return "done"
	}
	return "pending"
}

func (c *LessonPanel) goalClass() string { return "goal " + c.goalState() }

// goalText says in words what the colour shows, the sentence of what is checked, and while the
// goal does not hold, what the last check saw ("leader broker 1"), so the learner knows how far
// off they are.
func (c *LessonPanel) goalText() vugu.HTML {
	check := string(inlineHTML(c.step().Task.Check))
	if c.passed() {
		return vugu.HTML(`<strong class="goal-state">✓ Goal reached.</strong> <span class="goal-check">` + check + `</span>`)
	}
	out := `<strong class="goal-state">○ Goal, not reached yet:</strong> <span class="goal-check">` + check + `</span>`
	if d := c.App.Lesson.GoalDetail; d != "" {
		out += `<br><span class="goal-seen">Now: ` + html.EscapeString(d) + `</span>`
	}
	return vugu.HTML(out)
}

func (c *LessonPanel) moreHints() bool {
	_, ok := c.run().Hint(c.App.Lesson.HintsShown)
	return ok
}

// more is what follows the controls: hints asked for, the solution, the explanation of the
// answer picked, the end of the lesson, the students' link in classroom mode, an error.
func (c *LessonPanel) more() vugu.HTML {
	var b strings.Builder
	a := c.App
	if hints := a.Hints(); len(hints) > 0 {
		b.WriteString(`<ol class="hints" aria-label="Hints">`)
		for _, h := range hints {
			b.WriteString("<li>" + string(inlineHTML(h)) + "</li>")
		}
		b.WriteString(`</ol>`)
	}
	if a.Lesson.SolutionOpen && c.isTask() {
		b.WriteString(`<div class="solution"><pre aria-label="Solution">` + html.EscapeString(a.SolutionText()) + `</pre>`)
		if n := a.Lesson.SolutionNote; n != "" {
			b.WriteString(`<p class="muted">` + html.EscapeString(n) + `</p>`)
		}
		b.WriteString(`</div>`)
	}
	if q := c.step().Quiz; q != nil && a.Lesson.Picked >= 0 && a.Lesson.Picked < len(q.Choices) {
		ch := q.Choices[a.Lesson.Picked]
		class, verdict := "feedback wrong", "✗ Not quite."
		if ch.Correct {
			class, verdict = "feedback correct", "✓ Right."
		}
		b.WriteString(`<div class="` + class + `" role="status" aria-label="Answer"><strong>` + verdict + `</strong>` + lessons.HTML(ch.Explain) + `</div>`)
	}
	if c.finished() {
		done := "Lesson complete. The cluster is yours: keep playing with it, or go on."
		if c.run().Lesson().Kind == lessons.KindDemo {
			done = "That is the whole demo."
		}
		b.WriteString(`<p class="lesson-done" role="status" aria-label="Lesson complete"><strong>` + done + `</strong></p>`)
	}
	if a.Lesson.Classroom {
		link := html.EscapeString(a.StudentsLink())
		b.WriteString(`<div class="students">`)
		if qr := a.StudentsQR(); qr != "" {
			b.WriteString(`<img class="qr" src="` + qr + `" alt="QR code of the students' link" width="148" height="148">`)
		}
		b.WriteString(`<p>Students: open <a id="students-link" href="` + link + `" target="_blank" rel="noopener">` + link +
			`</a> for this cluster on your own machine.</p></div>`)
	}
	if e := a.Lesson.Error; e != "" {
		b.WriteString(`<p class="lesson-error" role="alert">` + html.EscapeString(e) + `</p>`)
	}
	return vugu.HTML(b.String())
}

func (c *LessonPanel) finished() bool { return c.atLast() && c.run().Finished() }

// nextLesson is the slug of the lesson after this one once this one is finished, "" otherwise
// and after the last.
func (c *LessonPanel) nextLesson() string {
	l := c.run().Lesson()
	if l.Kind != lessons.KindLesson || !c.finished() {
		return ""
	}
	next, err := lessons.ByNumber(l.Number + 1)
	if err != nil {
		return ""
	}
	return next.Slug
}

// inlineHTML renders lesson Markdown for a place that takes phrasing content (a button, a
// sentence): the paragraph goldmark wraps a single line in is dropped.
func inlineHTML(md string) vugu.HTML {
	h := strings.TrimSpace(lessons.HTML(md))
	if inner, ok := strings.CutPrefix(h, "<p>"); ok && strings.HasSuffix(inner, "</p>") && !strings.Contains(inner, "<p>") {
		h = strings.TrimSuffix(inner, "</p>")
	}
	return vugu.HTML(h)
}
