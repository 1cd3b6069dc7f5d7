//go:build !(js && wasm)

package lessons

import (
	"bytes"
	"encoding/json"
)

// Compiling the curriculum happens on the host (lessonc, and the test that keeps compiled.json
// current); the browser build only reads the result (compiled.go, embed_wasm.go).

// Compile prepares lessons for compiled.json, rendering their Markdown with render (HTML). The
// expectations of demos and quizzes are left out: they are for the tests, which prove them, and
// the browser does not check them. The lessons given are left as they are.
func Compile(all []Lesson, render func(md string) string) Compiled {
	c := Compiled{Version: CompiledVersion, Lessons: make([]Lesson, len(all))}
	for i, l := range all {
		l = withOwnText(l)
		eachMarkdown(&l, func(s *string) {
			if *s != "" {
				*s = render(*s)
			}
		})
		for j := range l.Steps {
			l.Steps[j].Expect = nil
		}
		c.Lessons[i] = l
	}
	return c
}

// Marshal writes compiled.json with one value per line, so that a change to a lesson reads as a
// small diff, without indentation and without the fields that hold their zero value (a missing
// field decodes to it), which the browser would download for nothing.
func (c Compiled) Marshal() ([]byte, error) {
	b, err := json.Marshal(c)
	if err != nil {
		return nil, err
	}
	var tree any
	if err := json.Unmarshal(b, &tree); err != nil {
		return nil, err
	}
	var compact, out bytes.Buffer
	enc := json.NewEncoder(&compact)
	enc.SetEscapeHTML(false) // the texts are HTML: keep them readable
	if err := enc.Encode(dropZeros(tree)); err != nil {
		return nil, err
	}
	if err := json.Indent(&out, compact.Bytes(), "", ""); err != nil {
		return nil, err
	}
	return out.Bytes(), nil
}

// dropZeros removes the members of JSON objects that hold a zero value: null, false, 0 or "".
// Empty lists stay, since a Go slice may be empty rather than nil.
func dropZeros(v any) any {
	switch v := v.(type) {
	case map[string]any:
		for k, x := range v {
			switch x {
			case nil, false, 0.0, "":
				delete(v, k)
				continue
			}
			v[k] = dropZeros(x)
		}
	case []any:
		for i, x := range v {
			v[i] = dropZeros(x)
		}
	}
	return v
}
