//go:build !(js && wasm)

package lessons

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
	"go.yaml.in/yaml/v3"
)

// maxFileBytes bounds a lesson file. The longest lesson is a few KiB; the bound keeps a
// corrupt or hostile file from costing much.
const maxFileBytes = 256 << 10

var (
	lessonName = regexp.MustCompile(`^([0-9]{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)
	demoName   = regexp.MustCompile(`^demo-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$`)
	yamlLine   = regexp.MustCompile(`^yaml: line ([0-9]+): `)
)

// Parse reads one lesson file: YAML front matter between two --- lines, then a Markdown
// introduction. name is the file's name (NN-slug.md for a lesson, demo-slug.md for a
// classroom demo) and is used in errors. Every problem found is returned in an ErrorList whose
// entries read file:line: reason. Parse never panics, whatever src holds.
func Parse(name string, src []byte) (l Lesson, err error) {
	p := &parser{file: name}
	defer func() {
		// The YAML library is third-party code; a panic inside it must not take the
		// playground down with it.
		if r := recover(); r != nil {
			l, err = Lesson{}, ErrorList{{File: name, Line: 1, Reason: fmt.Sprintf("cannot read the file: %v", r)}}
		}
	}()
	l = p.lesson(name, src)
	if len(p.errs) > 0 {
		slices.SortStableFunc(p.errs, func(a, b *Error) int { return a.Line - b.Line })
		return Lesson{}, p.errs
	}
	return l, nil
}

func (p *parser) lesson(name string, src []byte) Lesson {
	sum := sha256.Sum256(src)
	l := Lesson{File: name, Digest: hex.EncodeToString(sum[:8])}
	base := name[strings.LastIndexAny(name, `/\`)+1:]
	if m := lessonName.FindStringSubmatch(base); m != nil {
		l.Kind, l.Slug = KindLesson, m[2]
		l.Number, _ = strconv.Atoi(m[1])
		if l.Number == 0 {
			p.errorf(nil, "lessons are numbered from 01")
		}
	} else if m := demoName.FindStringSubmatch(base); m != nil {
		l.Kind, l.Slug = KindDemo, "demo-"+m[1]
	} else {
		p.errorf(nil, "file name %q: name a lesson NN-slug.md (01-events.md) or a classroom demo demo-slug.md", base)
	}
	if len(src) > maxFileBytes {
		p.errorf(nil, "the file is %d bytes; a lesson file may be at most %d", len(src), maxFileBytes)
		return l
	}
	front, body, ok := p.split(src)
	if !ok {
		return l
	}
	l.Intro = strings.TrimSpace(string(body))
	var doc yaml.Node
	if err := yaml.Unmarshal(front, &doc); err != nil {
		p.yamlError(err)
		return l
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) != 1 {
		p.errorf(nil, "the front matter is empty: it needs title, objectives, setup and steps")
		return l
	}
	top := p.mapping(doc.Content[0], "front matter", "title", "objectives", "cluster", "setup", "steps")
	if top == nil {
		return l
	}
	if f, ok := top["title"]; ok {
		l.Title = p.str(f.val, "title")
	} else {
		p.errorf(doc.Content[0], "front matter: title is missing")
	}
	if f, ok := top["objectives"]; ok {
		l.Objectives = p.strList(f.val, "objectives", 1)
	} else if l.Kind == KindLesson {
		p.errorf(doc.Content[0], "front matter: objectives are missing: say what the learner will be able to do")
	}
	l.Cluster = Cluster{Brokers: 3, Controllers: 3, Seed: 1}
	if f, ok := top["cluster"]; ok {
		l.Cluster = p.cluster(f.val, l.Cluster)
	}
	if f, ok := top["setup"]; ok {
		l.Setup = p.commands(f.val, "setup", 0)
	}
	f, ok := top["steps"]
	if !ok {
		p.errorf(doc.Content[0], "front matter: steps are missing")
		return l
	}
	p.list(f.val, "steps", 1, func(i int, item *yaml.Node) {
		l.Steps = append(l.Steps, p.step(item, fmt.Sprintf("step %d", i+1)))
	})
	return l
}

// split cuts the front matter out of the file. lineOffset becomes the number of lines before
// the YAML, so that YAML line numbers can be turned into file line numbers.
func (p *parser) split(src []byte) (front, body []byte, ok bool) {
	src = bytes.TrimPrefix(src, []byte("\xef\xbb\xbf"))
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) == 0 || strings.TrimRight(string(lines[0]), "\r\n") != "---" {
		p.errorf(nil, "a lesson file starts with a line --- and YAML front matter (title, objectives, setup, steps), closed by another ---")
		return nil, nil, false
	}
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(string(lines[i]), "\r\n") == "---" {
			p.lineOffset = 1
			return bytes.Join(lines[1:i], nil), bytes.Join(lines[i+1:], nil), true
		}
	}
	p.errorf(nil, "the front matter is not closed: add a line --- after it")
	return nil, nil, false
}

// yamlError turns the YAML library's "yaml: line N: reason" into file:line: reason.
func (p *parser) yamlError(err error) {
	msg := err.Error()
	line := 0
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = msg[len(m[0]):]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: max(line, 1) + p.lineOffset, Reason: "YAML: " + msg})
}

func (p *parser) cluster(n *yaml.Node, def Cluster) Cluster {
	c := def
	f := p.mapping(n, "cluster", "brokers", "controllers", "seed")
	if v, ok := f["brokers"]; ok {
		if b, ok := p.integer(v.val, "cluster brokers", 1, engine.MaxBrokers); ok {
			c.Brokers = int(b)
		}
	}
	if v, ok := f["controllers"]; ok {
		if k, ok := p.integer(v.val, "cluster controllers", 1, 5); ok {
			if k%2 == 0 {
				p.errorf(v.val, "cluster controllers: a KRaft quorum has 1, 3 or 5 controllers, not %d", k)
			}
			c.Controllers = int(k)
		}
	}
	if v, ok := f["seed"]; ok {
		if s, ok := p.scalar(v.val, "cluster seed"); ok {
			seed, err := strconv.ParseUint(s, 10, 64)
			if err != nil {
				p.errorf(v.val, "cluster seed: %q is not a whole number", s)
			}
			c.Seed = seed
		}
	}
	return c
}

func (p *parser) step(n *yaml.Node, ctx string) Step {
	s := Step{Line: n.Line + p.lineOffset}
	f := p.mapping(n, ctx, "narration", "highlight", "demo", "task", "quiz", "expect")
	if f == nil {
		return s
	}
	if v, ok := f["narration"]; ok {
		s.Narration = strings.TrimSpace(p.str(v.val, ctx+" narration"))
	} else {
		p.errorf(n, "%s: narration is missing: every step says what is happening", ctx)
	}
	if v, ok := f["highlight"]; ok {
		p.list(v.val, ctx+" highlight", 0, func(i int, item *yaml.Node) {
			text := p.str(item, fmt.Sprintf("%s highlight[%d]", ctx, i+1))
			if text == "" {
				return
			}
			m, err := ParseMention(text)
			if err != nil {
				p.errorf(item, "%s: %v", ctx, err)
				return
			}
			s.Highlight = append(s.Highlight, m)
		})
	}
	var kinds []string
	for _, k := range []string{"demo", "task", "quiz"} {
		if _, ok := f[k]; ok {
			kinds = append(kinds, k)
		}
	}
	if len(kinds) != 1 {
		p.errorf(n, "%s: a step has exactly one of demo, task or quiz (found %s)", ctx, orNone(kinds))
		return s
	}
	s.Kind = StepKind(kinds[0])
	switch s.Kind {
	case StepDemo:
		s.Demo = p.commands(f["demo"].val, ctx+" demo", 1)
	case StepTask:
		s.Task = p.task(f["task"].val, ctx+" task")
	case StepQuiz:
		s.Quiz = p.quiz(f["quiz"].val, ctx+" quiz")
	}
	if v, ok := f["expect"]; ok {
		if s.Kind == StepTask {
			p.errorf(v.key, "%s: expect belongs to demos and quizzes; a task's goal says what must hold", ctx)
		} else {
			s.Expect = p.goal(v.val, ctx+" expect", 0)
		}
	}
	return s
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, " and ")
}

func (p *parser) task(n *yaml.Node, ctx string) *Task {
	t := &Task{}
	f := p.mapping(n, ctx, "goal", "check", "hints", "solution")
	if f == nil {
		return t
	}
	for _, k := range []string{"goal", "check", "hints", "solution"} {
		if _, ok := f[k]; !ok {
			p.errorf(n, "%s: %s is missing", ctx, k)
		}
	}
	if v, ok := f["goal"]; ok {
		t.Goal = p.goal(v.val, ctx+" goal", 0)
	}
	if v, ok := f["check"]; ok {
		t.Check = strings.TrimSpace(p.str(v.val, ctx+" check"))
	}
	if v, ok := f["hints"]; ok {
		t.Hints = p.strList(v.val, ctx+" hints", 1)
	}
	if v, ok := f["solution"]; ok {
		t.Solution = p.commands(v.val, ctx+" solution", 1)
	}
	return t
}

func (p *parser) quiz(n *yaml.Node, ctx string) *Quiz {
	q := &Quiz{}
	f := p.mapping(n, ctx, "question", "choices", "reveal")
	if f == nil {
		return q
	}
	if v, ok := f["question"]; ok {
		q.Question = strings.TrimSpace(p.str(v.val, ctx+" question"))
	} else {
		p.errorf(n, "%s: question is missing", ctx)
	}
	v, ok := f["choices"]
	if !ok {
		p.errorf(n, "%s: choices are missing", ctx)
	} else {
		p.list(v.val, ctx+" choices", 2, func(i int, item *yaml.Node) {
			q.Choices = append(q.Choices, p.choice(item, fmt.Sprintf("%s choice %d", ctx, i+1)))
		})
		correct := 0
		for _, c := range q.Choices {
			if c.Correct {
				correct++
			}
		}
		if correct != 1 && len(q.Choices) > 0 {
			p.errorf(v.val, "%s: exactly one choice must be correct: true (found %d)", ctx, correct)
		}
	}
	if v, ok := f["reveal"]; ok {
		q.Reveal = p.commands(v.val, ctx+" reveal", 0)
	}
	return q
}

func (p *parser) choice(n *yaml.Node, ctx string) Choice {
	var c Choice
	f := p.mapping(n, ctx, "text", "correct", "explain")
	if f == nil {
		return c
	}
	if v, ok := f["text"]; ok {
		c.Text = strings.TrimSpace(p.str(v.val, ctx+" text"))
	} else {
		p.errorf(n, "%s: text is missing", ctx)
	}
	if v, ok := f["correct"]; ok {
		c.Correct, _ = p.boolean(v.val, ctx+" correct")
	}
	if v, ok := f["explain"]; ok {
		c.Explain = strings.TrimSpace(p.str(v.val, ctx+" explain"))
	} else {
		p.errorf(n, "%s: explain is missing: say why this answer is right or wrong", ctx)
	}
	return c
}
