//go:build js && wasm

package lessons

import (
	_ "embed"
	"html"
	"sync"
)

// compiledJSON is the curriculum parsed at build time (see compiled.go): the browser build
// carries it instead of content/, the YAML parser and goldmark.
//
//go:embed compiled.json
var compiledJSON []byte

var (
	compiledOnce sync.Once
	compiled     Compiled
	compiledErr  error
	// rendered holds every text of the compiled lessons, which are HTML already (compiled.go).
	rendered map[string]bool
)

func loadCompiled() (Compiled, error) {
	compiledOnce.Do(func() {
		compiled, compiledErr = DecodeCompiled(compiledJSON)
		rendered = map[string]bool{}
		for _, l := range compiled.Lessons {
			for _, t := range MarkdownTexts(l) {
				rendered[t] = true
			}
		}
	})
	return compiled, compiledErr
}

func ofKind(k Kind) ([]Lesson, error) {
	c, err := loadCompiled()
	if err != nil {
		return nil, err
	}
	var out []Lesson
	for _, l := range c.Lessons {
		if l.Kind == k {
			out = append(out, l)
		}
	}
	return out, nil
}

// All returns the lessons in curriculum order (classroom demos are left out; see Demos).
func All() ([]Lesson, error) { return ofKind(KindLesson) }

// Demos returns the classroom demos, by slug.
func Demos() ([]Lesson, error) { return ofKind(KindDemo) }

// BySlug returns the lesson or demo with that slug.
func BySlug(slug string) (Lesson, error) {
	c, err := loadCompiled()
	if err != nil {
		return Lesson{}, err
	}
	return findSlug(c.Lessons, slug)
}

// HTML returns a lesson text as HTML. The compiled lessons' texts were rendered at build time
// (compiled.go) and are returned as they are; any other text is shown escaped, as one paragraph.
func HTML(md string) string {
	if _, err := loadCompiled(); err == nil && rendered[md] {
		return md
	}
	return "<p>" + html.EscapeString(md) + "</p>"
}
