package lessons

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Goals as data: compiled.json (compiled.go) carries every goal in the form MarshalJSON writes
// (goal_json_write.go), and the browser build reads it back here. Reading needs no YAML: the
// pairs are the goal's mapping as written, checked with the loader's rules, so a goal read back
// is identical to the one the loader built (a test compares them for every lesson).

// UnmarshalJSON reads a goal written by MarshalJSON and checks it as the lesson loader does, so
// that a damaged compiled curriculum is an error rather than a goal that cannot be evaluated.
func (g *Goal) UnmarshalJSON(data []byte) error {
	out, err := goalFromJSON(data, 0)
	if err != nil {
		return err
	}
	*g = *out
	return nil
}

func goalFromJSON(data []byte, depth int) (*Goal, error) {
	if depth > maxGoalJSONDepth {
		return nil, fmt.Errorf("goals nest more than %d deep", maxGoalJSONDepth)
	}
	var raw struct {
		All  []json.RawMessage `json:"all"`
		Any  []json.RawMessage `json:"any"`
		Not  json.RawMessage   `json:"not"`
		Leaf [][2]string       `json:"leaf"`
	}
	if err := json.Unmarshal(data, &raw); err != nil {
		return nil, fmt.Errorf("goal: %w", err)
	}
	given := 0
	for _, ok := range []bool{raw.All != nil, raw.Any != nil, raw.Not != nil, raw.Leaf != nil} {
		if ok {
			given++
		}
	}
	if given != 1 {
		return nil, fmt.Errorf("goal %s: want exactly one of all, any, not and leaf", data)
	}
	parts := func(op string, items []json.RawMessage) (*Goal, error) {
		if len(items) == 0 {
			return nil, fmt.Errorf("goal: %s needs at least one part", op)
		}
		g := &Goal{op: op}
		for _, it := range items {
			p, err := goalFromJSON(it, depth+1)
			if err != nil {
				return nil, err
			}
			g.parts = append(g.parts, p)
		}
		return g, nil
	}
	switch {
	case raw.All != nil:
		return parts("all", raw.All)
	case raw.Any != nil:
		return parts("any", raw.Any)
	case raw.Not != nil:
		inner, err := goalFromJSON(raw.Not, depth+1)
		if err != nil {
			return nil, err
		}
		return &Goal{op: "not", parts: []*Goal{inner}}, nil
	}
	l, err := leafFromPairs(raw.Leaf)
	if err != nil {
		return nil, err
	}
	return &Goal{leaf: l}, nil
}

// maxGoalJSONDepth bounds all/any/not nesting, as the loader does.
const maxGoalJSONDepth = 16

// leafFromPairs builds a leaf the way the loader builds one from a mapping: the first subject
// key found (in the order of subjects) picks the subject, the other keys are its filters and
// conditions.
func leafFromPairs(pairs [][2]string) (*leaf, error) {
	if len(pairs) == 0 {
		return nil, errors.New("goal: a leaf needs a condition")
	}
	seen := map[string]bool{}
	for _, p := range pairs {
		if seen[p[0]] {
			return nil, fmt.Errorf("goal: duplicate key %q", p[0])
		}
		seen[p[0]] = true
	}
	spec := clusterSubject
	for _, s := range subjects {
		if seen[s.key] {
			spec = s
			break
		}
	}
	l := &leaf{subject: spec, filters: map[string]string{}}
	for _, p := range pairs {
		key, text := p[0], p[1]
		switch {
		case key == spec.key:
			var enum []string
			if spec.arg == argEnum {
				enum = eventKindNames()
			}
			v, err := parseArg(text, spec.arg, enum)
			if err != nil {
				return nil, fmt.Errorf("goal %s: %w", key, err)
			}
			l.name = v.s
			switch spec.arg {
			case argInt:
				if v.i < 0 || v.i > math.MaxInt32 {
					return nil, fmt.Errorf("goal %s: %d is not an id", key, v.i)
				}
				l.id = int32(v.i)
			case argPartition:
				l.topic, l.part = v.topic, v.part
			}
		case spec.filters[key] != 0:
			v, err := parseArg(text, spec.filters[key], nil)
			if err != nil {
				return nil, fmt.Errorf("goal %s: %w", key, err)
			}
			l.filters[key] = v.s
		case spec.ops[key] != nil:
			op := spec.ops[key]
			v, err := parseArg(text, op.arg, op.enum)
			if err != nil {
				return nil, fmt.Errorf("goal %s: %w", key, err)
			}
			l.conds = append(l.conds, cond{name: key, spec: op, val: v})
		default:
			return nil, fmt.Errorf("goal: unknown key %q", key)
		}
	}
	for _, r := range spec.required {
		if !seen[r] {
			return nil, fmt.Errorf("goal: %s needs %s too", spec.key, r)
		}
	}
	if len(l.conds) == 0 {
		if spec.implicit == "" {
			return nil, fmt.Errorf("goal: no condition on %s", spec.key)
		}
		l.conds = []cond{{name: spec.implicit, spec: spec.ops[spec.implicit], val: value{i: 1}}}
	}
	return l, nil
}

// parseArg reads an argument written as text, with the loader's rules for each kind.
func parseArg(s string, kind argKind, enum []string) (value, error) {
	switch kind {
	case argInt:
		i, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return value{}, fmt.Errorf("%q is not a whole number", s)
		}
		return value{i: i, s: strconv.FormatInt(i, 10)}, nil
	case argBool:
		switch strings.ToLower(s) {
		case "true":
			return value{b: true, s: "true"}, nil
		case "false":
			return value{b: false, s: "false"}, nil
		}
		return value{}, fmt.Errorf("expected true or false, found %q", s)
	}
	v := value{s: s}
	switch kind {
	case argEnum:
		if !slices.Contains(enum, s) {
			return value{}, fmt.Errorf("%q is not one of %s", s, strings.Join(enum, ", "))
		}
	case argPartition:
		t, p, err := parseTopicPartition(s)
		if err != nil {
			return value{}, err
		}
		v.topic, v.part = t, p
	case argCommitted:
		tp, off, found := strings.Cut(s, "=")
		t, p, err := parseTopicPartition(tp)
		o, oerr := strconv.ParseInt(off, 10, 64)
		if !found || err != nil || oerr != nil || o < 0 {
			return value{}, fmt.Errorf("write TOPIC-PARTITION=OFFSET, not %q", s)
		}
		v.topic, v.part, v.i = t, p, o
	case argConfig:
		if k, _, found := strings.Cut(s, "="); !found || strings.TrimSpace(k) == "" {
			return value{}, fmt.Errorf("write key=value, not %q", s)
		}
	}
	return v, nil
}
