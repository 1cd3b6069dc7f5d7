//go:build !(js && wasm)

package lessons

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// maxErrors bounds the errors kept for one file: past that, more are noise.
const maxErrors = 50

// parser walks the YAML node tree of one file by hand rather than decoding into structs, so
// that every error carries the line of the node it is about and unknown keys are caught.
type parser struct {
	file       string
	lineOffset int // lines of the file before the YAML begins
	errs       ErrorList
}

func (p *parser) errorf(n *yaml.Node, format string, args ...any) {
	if len(p.errs) >= maxErrors {
		return
	}
	line := 1
	if n != nil && n.Line > 0 {
		line = n.Line + p.lineOffset
	}
	p.errs = append(p.errs, &Error{File: p.file, Line: line, Reason: fmt.Sprintf(format, args...)})
}

// field is one key of a mapping with its value.
type field struct {
	key *yaml.Node
	val *yaml.Node
}

// mapping checks that n is a mapping whose keys are all allowed and returns its fields by key.
// Keys missing from the result were not given.
func (p *parser) mapping(n *yaml.Node, ctx string, allowed ...string) map[string]field {
	if !p.plain(n, ctx) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s: expected a mapping of %s, found %s", ctx, strings.Join(allowed, ", "), kindName(n))
		return nil
	}
	out := map[string]field{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			p.errorf(k, "%s: a key must be a plain word", ctx)
			continue
		}
		if prev, dup := out[k.Value]; dup {
			p.errorf(k, "%s: duplicate key %q (first at line %d)", ctx, k.Value, prev.key.Line+p.lineOffset)
			continue
		}
		if allowed != nil && !slices.Contains(allowed, k.Value) {
			p.errorf(k, "%s: unknown field %q (known: %s)", ctx, k.Value, strings.Join(allowed, ", "))
			continue
		}
		out[k.Value] = field{key: k, val: v}
	}
	return out
}

// plain rejects aliases: lesson files are read by people, and an alias makes a reader jump
// around the file (and lets a tiny file expand into a huge one).
func (p *parser) plain(n *yaml.Node, ctx string) bool {
	if n == nil {
		p.errorf(nil, "%s: missing", ctx)
		return false
	}
	if n.Kind == yaml.AliasNode {
		p.errorf(n, "%s: YAML aliases (*name) are not allowed in lesson files; write the value out", ctx)
		return false
	}
	return true
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "something else"
}

// str reads a non-empty text.
func (p *parser) str(n *yaml.Node, ctx string) string {
	s, ok := p.scalar(n, ctx)
	if ok && strings.TrimSpace(s) == "" {
		p.errorf(n, "%s: must not be empty", ctx)
	}
	return s
}

// scalar reads any text, the empty one included.
func (p *parser) scalar(n *yaml.Node, ctx string) (string, bool) {
	if !p.plain(n, ctx) {
		return "", false
	}
	if n.Kind != yaml.ScalarNode || n.Tag == "!!null" {
		p.errorf(n, "%s: expected a text, found %s", ctx, kindName(n))
		return "", false
	}
	return n.Value, true
}

// list reads a sequence; each item is handed to f with its index.
func (p *parser) list(n *yaml.Node, ctx string, min int, f func(i int, item *yaml.Node)) {
	if !p.plain(n, ctx) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		p.errorf(n, "%s: expected a list, found %s", ctx, kindName(n))
		return
	}
	if len(n.Content) < min {
		p.errorf(n, "%s: needs at least %d item(s)", ctx, min)
	}
	for i, item := range n.Content {
		f(i, item)
	}
}

// strList reads a list of non-empty texts.
func (p *parser) strList(n *yaml.Node, ctx string, min int) []string {
	var out []string
	p.list(n, ctx, min, func(i int, item *yaml.Node) {
		out = append(out, p.str(item, fmt.Sprintf("%s[%d]", ctx, i+1)))
	})
	return out
}

// integer reads a whole number within [lo, hi].
func (p *parser) integer(n *yaml.Node, ctx string, lo, hi int64) (int64, bool) {
	s, ok := p.scalar(n, ctx)
	if !ok {
		return 0, false
	}
	v, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		p.errorf(n, "%s: %q is not a whole number", ctx, s)
		return 0, false
	}
	if v < lo || v > hi {
		if hi == math.MaxInt64 {
			p.errorf(n, "%s: %d is out of range (at least %d)", ctx, v, lo)
		} else {
			p.errorf(n, "%s: %d is out of range (%d to %d)", ctx, v, lo, hi)
		}
		return 0, false
	}
	return v, true
}

// boolean reads true or false.
func (p *parser) boolean(n *yaml.Node, ctx string) (bool, bool) {
	s, ok := p.scalar(n, ctx)
	if !ok {
		return false, false
	}
	switch strings.ToLower(s) {
	case "true":
		return true, true
	case "false":
		return false, true
	}
	p.errorf(n, "%s: expected true or false, found %q", ctx, s)
	return false, false
}
