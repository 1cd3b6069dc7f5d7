//go:build !(js && wasm)

package lessons

import (
	"encoding/json"
	"errors"
	"slices"
	"strconv"
)

// Writing goals as data is for lessonc, which compiles the curriculum on the host; the browser
// build only reads them (goal_json.go).

// goalJSON is a goal as plain data, for the compiled curriculum (compiled.go): a combinator
// with its parts, or a leaf as the key/value pairs of its mapping, in the order they were
// written (the order of the conditions is the order Eval reports them in).
type goalJSON struct {
	All  []*Goal     `json:"all,omitempty"`
	Any  []*Goal     `json:"any,omitempty"`
	Not  *Goal       `json:"not,omitempty"`
	Leaf [][2]string `json:"leaf,omitempty"`
}

// MarshalJSON writes the goal as data that UnmarshalJSON reads back into an identical goal.
func (g *Goal) MarshalJSON() ([]byte, error) {
	var j goalJSON
	switch g.op {
	case "all":
		j.All = g.parts
	case "any":
		j.Any = g.parts
	case "not":
		j.Not = g.parts[0]
	default:
		if g.leaf == nil {
			return nil, errors.New("an empty goal cannot be written")
		}
		j.Leaf = g.leaf.pairs()
	}
	return json.Marshal(j)
}

// pairs lists the leaf as it would be written: the subject, its filters (by name: a mapping has
// no order Eval depends on) and its conditions in order. A condition the parser added by itself
// (the subject's implicit one) is left out, so that reading the pairs adds it again.
func (l *leaf) pairs() [][2]string {
	var out [][2]string
	if l.subject.key != "" {
		out = append(out, [2]string{l.subject.key, l.name})
	}
	keys := make([]string, 0, len(l.filters))
	for k := range l.filters {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		out = append(out, [2]string{k, l.filters[k]})
	}
	for _, c := range l.conds {
		if c.name == l.subject.implicit && c.val.s == "" && len(l.conds) == 1 {
			continue
		}
		out = append(out, [2]string{c.name, c.val.text(c.spec.arg)})
	}
	return out
}

// text renders an argument the way a lesson file writes it.
func (v value) text(kind argKind) string {
	switch kind {
	case argInt:
		return strconv.FormatInt(v.i, 10)
	case argBool:
		return strconv.FormatBool(v.b)
	}
	return v.s
}
