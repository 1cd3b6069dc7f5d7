package lessons

import (
	"fmt"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// Goal is a predicate over the cluster, written as data in a lesson file:
//
//	{partition: orders-1, leader_not: 2}
//	{all: [{group: billing, lag: 0}, {lost_records: 0}]}
//
// A leaf names one subject (a partition, a topic, a record key, a group...) and one or more
// conditions on it, all of which must hold; all, any and not combine goals. Goals are
// immutable once parsed and safe to share.
type Goal struct {
	op    string  // "all", "any", "not" or "" for a leaf
	parts []*Goal // all, any, not
	leaf  *leaf
}

// State is what a goal is checked against: the cluster now, and the events since the step
// began (for goals such as "a rebalance happened", which no single picture shows).
type State struct {
	View   engine.View
	Events []engine.Event
}

// Eval says whether the goal holds and what was seen, in English, for the goal panel and for
// test failures.
func (g *Goal) Eval(st State) (bool, string) {
	switch g.op {
	case "all":
		var failed, all []string
		for _, p := range g.parts {
			ok, d := p.Eval(st)
			all = append(all, d)
			if !ok {
				failed = append(failed, d)
			}
		}
		if len(failed) > 0 {
			return false, strings.Join(failed, "; ")
		}
		return true, strings.Join(all, "; ")
	case "any":
		var all []string
		for _, p := range g.parts {
			ok, d := p.Eval(st)
			if ok {
				return true, d
			}
			all = append(all, d)
		}
		return false, "none of: " + strings.Join(all, "; ")
	case "not":
		ok, d := g.parts[0].Eval(st)
		return !ok, d
	}
	return g.leaf.eval(st)
}

// Describe renders the goal as an English sentence, for authors to compare with the check
// sentence they wrote and for the terminal's `check` verb.
func (g *Goal) Describe() string {
	switch g.op {
	case "all", "any":
		parts := make([]string, len(g.parts))
		for i, p := range g.parts {
			parts[i] = p.Describe()
		}
		word := " and "
		if g.op == "any" {
			word = " or "
		}
		if len(parts) > 1 {
			for i := range parts {
				if strings.Contains(parts[i], " and ") || strings.Contains(parts[i], " or ") {
					parts[i] = "(" + parts[i] + ")"
				}
			}
		}
		return strings.Join(parts, word)
	case "not":
		return "not (" + g.parts[0].Describe() + ")"
	}
	return g.leaf.describe()
}

// leaf is one subject with its conditions.
type leaf struct {
	subject *subjectSpec
	name    string            // the subject as written: "orders-1", "billing", "2"
	id      int32             // broker and controller ids
	topic   string            // partition subjects and the topic filter of record subjects
	part    int32             // partition subjects
	filters map[string]string // event filters and the topic of record subjects
	conds   []cond
}

type cond struct {
	name string
	spec *opSpec
	val  value
}

// value is a parsed argument; which field is set depends on the op's argKind.
type value struct {
	i     int64
	b     bool
	s     string
	topic string // argPartition and argCommitted
	part  int32
}

func (l *leaf) eval(st State) (bool, string) {
	subj := l.subject.describe(l)
	var failed, seen []string
	for _, c := range l.conds {
		ok, actual := c.spec.eval(st, l, c.val)
		seen = append(seen, actual)
		if !ok {
			failed = append(failed, fmt.Sprintf("%s (wanted: %s)", actual, c.spec.describe(l, c.val)))
		}
	}
	if subj != "" {
		subj += ": "
	}
	if len(failed) > 0 {
		return false, subj + strings.Join(failed, ", ")
	}
	return true, subj + strings.Join(dedupe(seen), ", ")
}

func (l *leaf) describe() string {
	parts := make([]string, len(l.conds))
	for i, c := range l.conds {
		parts[i] = c.spec.describe(l, c.val)
	}
	s := strings.Join(parts, " and ")
	if subj := l.subject.describe(l); subj != "" {
		return subj + " " + s
	}
	return s
}

func dedupe(s []string) []string {
	var out []string
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}
