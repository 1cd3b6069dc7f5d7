package lessons

import (
	"encoding/json"
	"fmt"
	"slices"
)

// The browser build does not parse lesson files. The YAML parser and goldmark would add about
// 0.4 MB (brotli) to a wasm binary that must stay under 1.5 MB, so `go generate ./lessons`
// (part of `make generate`) writes compiled.json: every lesson already parsed and validated,
// with its Markdown already rendered. In a js/wasm build the loader's files are left out
// (their build constraint) and embed_wasm.go serves All, Demos, ByNumber, BySlug and HTML
// from compiled.json instead; everywhere else they read content/ as before. A test proves
// that compiled.json is exactly what the loader produces from content/, so it cannot go stale.
//
// To carry each text once, a compiled lesson's Markdown fields (those MarkdownTexts lists)
// hold their HTML rendering instead, and the browser's HTML returns such a text as it is.
// Code that shows lesson text passes it through HTML on every platform, so it reads the same.

// CompiledVersion changes whenever the layout of compiled.json does.
const CompiledVersion = 2

// Compiled is the curriculum as the browser build carries it.
type Compiled struct {
	Version int `json:"version"`
	// Lessons are the lessons in number order, then the demos by slug (LoadFS's order), with
	// their Markdown rendered.
	Lessons []Lesson `json:"lessons"`
}

// DecodeCompiled reads compiled.json. A file written for another layout, or one whose goals do
// not check out, is an error.
func DecodeCompiled(data []byte) (Compiled, error) {
	var c Compiled
	if err := json.Unmarshal(data, &c); err != nil {
		return Compiled{}, fmt.Errorf("compiled lessons: %w", err)
	}
	if c.Version != CompiledVersion {
		return Compiled{}, fmt.Errorf("compiled lessons: version %d, want %d (run make generate)", c.Version, CompiledVersion)
	}
	for _, l := range c.Lessons {
		for i, s := range l.Steps {
			if s.Task != nil && s.Task.Goal == nil {
				return Compiled{}, fmt.Errorf("compiled lessons: %s step %d: a task without a goal", l.Slug, i+1)
			}
		}
	}
	return c, nil
}

// MarkdownTexts lists every Markdown text of a lesson that a learner reads: the intro and
// objectives, narrations, check sentences and hints, questions, choices and explanations.
// Titles are plain text.
func MarkdownTexts(l Lesson) []string {
	var out []string
	eachMarkdown(&l, func(s *string) { out = append(out, *s) })
	return slices.DeleteFunc(out, func(s string) bool { return s == "" })
}

// eachMarkdown calls f with every Markdown field of l, in the order MarkdownTexts lists them.
func eachMarkdown(l *Lesson, f func(*string)) {
	f(&l.Intro)
	for i := range l.Objectives {
		f(&l.Objectives[i])
	}
	for i := range l.Steps {
		s := &l.Steps[i]
		f(&s.Narration)
		if s.Task != nil {
			f(&s.Task.Check)
			for j := range s.Task.Hints {
				f(&s.Task.Hints[j])
			}
		}
		if s.Quiz != nil {
			f(&s.Quiz.Question)
			for j := range s.Quiz.Choices {
				f(&s.Quiz.Choices[j].Text)
				f(&s.Quiz.Choices[j].Explain)
			}
		}
	}
}

// withOwnText returns l with its own copies of everything eachMarkdown may change, so that the
// loader's shared lessons are never written to.
func withOwnText(l Lesson) Lesson {
	l.Objectives = slices.Clone(l.Objectives)
	l.Steps = slices.Clone(l.Steps)
	for i := range l.Steps {
		s := &l.Steps[i]
		if s.Task != nil {
			t := *s.Task
			t.Hints = slices.Clone(t.Hints)
			s.Task = &t
		}
		if s.Quiz != nil {
			q := *s.Quiz
			q.Choices = slices.Clone(q.Choices)
			s.Quiz = &q
		}
	}
	return l
}
