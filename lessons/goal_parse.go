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

// maxGoalDepth bounds all/any/not nesting: real goals nest two or three deep, and a bound keeps
// a hostile file from recursing without end.
const maxGoalDepth = 16

// goal reads one goal mapping. It returns nil after reporting an error.
func (p *parser) goal(n *yaml.Node, ctx string, depth int) *Goal {
	if depth > maxGoalDepth {
		p.errorf(n, "%s: goals nest more than %d deep", ctx, maxGoalDepth)
		return nil
	}
	if !p.plain(n, ctx) {
		return nil
	}
	if n.Kind != yaml.MappingNode {
		p.errorf(n, "%s: a goal is a mapping such as {partition: orders-1, leader_not: 2}, found %s", ctx, kindName(n))
		return nil
	}
	if len(n.Content) == 0 {
		p.errorf(n, "%s: empty goal: say what must hold, for example {partition: orders-1, leader_not: 2}", ctx)
		return nil
	}
	fields := p.mapping(n, ctx)
	for _, comb := range []string{"all", "any", "not"} {
		f, ok := fields[comb]
		if !ok {
			continue
		}
		if len(fields) > 1 {
			p.errorf(f.key, "%s: %s must be the only key of its mapping; put the other conditions inside it", ctx, comb)
			return nil
		}
		g := &Goal{op: comb}
		if comb == "not" {
			inner := p.goal(f.val, ctx+" not", depth+1)
			if inner == nil {
				return nil
			}
			g.parts = []*Goal{inner}
			return g
		}
		ok = true
		p.list(f.val, ctx+" "+comb, 1, func(i int, item *yaml.Node) {
			part := p.goal(item, fmt.Sprintf("%s %s[%d]", ctx, comb, i+1), depth+1)
			if part == nil {
				ok = false
				return
			}
			g.parts = append(g.parts, part)
		})
		if !ok || len(g.parts) == 0 {
			return nil
		}
		return g
	}
	l := p.leaf(n, fields, ctx)
	if l == nil {
		return nil
	}
	return &Goal{leaf: l}
}

// leaf reads {subject: name, filter: x, op: value...} or, without a subject, cluster-wide ops.
func (p *parser) leaf(n *yaml.Node, fields map[string]field, ctx string) *leaf {
	spec := clusterSubject
	for _, s := range subjects {
		if _, ok := fields[s.key]; ok {
			spec = s
			break
		}
	}
	l := &leaf{subject: spec, filters: map[string]string{}}
	ok := true
	if spec.key != "" {
		f := fields[spec.key]
		var enum []string
		if spec.arg == argEnum {
			enum = eventKindNames()
		}
		v, good := p.arg(f.val, spec.arg, enum, ctx+" "+spec.key)
		if !good {
			return nil
		}
		l.name = v.s
		switch spec.arg {
		case argInt:
			if v.i < 0 || v.i > math.MaxInt32 {
				p.errorf(f.val, "%s %s: %d is not an id", ctx, spec.key, v.i)
				return nil
			}
			l.id, l.name = int32(v.i), strconv.FormatInt(v.i, 10)
		case argPartition:
			l.topic, l.part = v.topic, v.part
		}
	}
	// Walk the keys in file order so errors come out in line order.
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		key := k.Value
		if key == spec.key {
			continue
		}
		if kind, isFilter := spec.filters[key]; isFilter {
			v, good := p.arg(val, kind, nil, ctx+" "+key)
			if !good {
				ok = false
				continue
			}
			l.filters[key] = v.s
			continue
		}
		op, isOp := spec.ops[key]
		if !isOp {
			ok = false
			p.errorf(k, "%s: %s", ctx, unknownKeyReason(spec, key))
			continue
		}
		v, good := p.arg(val, op.arg, op.enum, ctx+" "+key)
		if !good {
			ok = false
			continue
		}
		l.conds = append(l.conds, cond{name: key, spec: op, val: v})
	}
	for _, r := range spec.required {
		if _, given := fields[r]; !given {
			p.errorf(n, "%s: %s needs %s too, for example {%s: k1, %s: orders, ...}", ctx, spec.key, r, spec.key, r)
			ok = false
		}
	}
	if ok && len(l.conds) == 0 {
		if spec.implicit != "" {
			l.conds = []cond{{name: spec.implicit, spec: spec.ops[spec.implicit], val: value{i: 1}}}
		} else {
			p.errorf(n, "%s: no condition: say what must hold of %s (one of: %s)", ctx, spec.key, strings.Join(opNames(spec), ", "))
			ok = false
		}
	}
	if !ok {
		return nil
	}
	return l
}

// unknownKeyReason explains a key that is neither an op nor a filter of the subject.
func unknownKeyReason(spec *subjectSpec, key string) string {
	for _, s := range subjects {
		if s.key == key {
			if spec.key == "" {
				break
			}
			return fmt.Sprintf("%s and %s in one mapping: a goal names one subject; combine two with all: [...]", spec.key, key)
		}
	}
	if spec.key == "" {
		var keys []string
		for _, s := range subjects {
			keys = append(keys, s.key)
		}
		return fmt.Sprintf("unknown goal %q: name a subject (%s), a combinator (all, any, not) or a cluster condition (%s)",
			key, strings.Join(keys, ", "), strings.Join(opNames(clusterSubject), ", "))
	}
	known := opNames(spec)
	for f := range spec.filters {
		known = append(known, f)
	}
	slices.Sort(known)
	return fmt.Sprintf("unknown condition %q for %s (known: %s)", key, spec.key, strings.Join(known, ", "))
}

func opNames(spec *subjectSpec) []string {
	names := make([]string, 0, len(spec.ops))
	for n := range spec.ops {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// arg reads an op's argument or a subject's name.
func (p *parser) arg(n *yaml.Node, kind argKind, enum []string, ctx string) (value, bool) {
	switch kind {
	case argInt:
		i, ok := p.integer(n, ctx, math.MinInt64, math.MaxInt64)
		return value{i: i, s: strconv.FormatInt(i, 10)}, ok
	case argBool:
		b, ok := p.boolean(n, ctx)
		return value{b: b, s: strconv.FormatBool(b)}, ok
	}
	s, ok := p.scalar(n, ctx)
	if !ok {
		return value{}, false
	}
	v := value{s: s}
	switch kind {
	case argEnum:
		if !slices.Contains(enum, s) {
			p.errorf(n, "%s: %q is not one of %s", ctx, s, strings.Join(enum, ", "))
			return value{}, false
		}
	case argPartition:
		t, part, err := parseTopicPartition(s)
		if err != nil {
			p.errorf(n, "%s: %v", ctx, err)
			return value{}, false
		}
		v.topic, v.part = t, part
	case argCommitted:
		tp, off, found := strings.Cut(s, "=")
		t, part, err := parseTopicPartition(tp)
		o, oerr := strconv.ParseInt(off, 10, 64)
		if !found || err != nil || oerr != nil || o < 0 {
			p.errorf(n, "%s: write TOPIC-PARTITION=OFFSET, for example orders-0=4, not %q", ctx, s)
			return value{}, false
		}
		v.topic, v.part, v.i = t, part, o
	case argConfig:
		k, _, found := strings.Cut(s, "=")
		if !found || strings.TrimSpace(k) == "" {
			p.errorf(n, "%s: write key=value, for example retention.ms=60000, not %q", ctx, s)
			return value{}, false
		}
	}
	return v, true
}
