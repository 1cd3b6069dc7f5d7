package lessons

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// recordSubject is record_key or record_value: the readable records of one topic that have
// that key (or value). A null key never matches, as it is not a string.
func recordSubject(key string) *subjectSpec {
	what := "key"
	if key == "record_value" {
		what = "value"
	}
	match := func(r engine.Record, s string) bool {
		if what == "key" {
			return !r.NullKey && r.Key == s
		}
		return !r.NullValue && r.Value == s
	}
	// find returns, per partition, the offsets of the matching records.
	find := func(st State, l *leaf) (map[int32][]int64, []engine.Record, bool) {
		t, ok := st.View.Topic(l.filters["topic"])
		if !ok {
			return nil, nil, false
		}
		found := map[int32][]int64{}
		var recs []engine.Record
		for _, p := range t.Partitions {
			for _, r := range readable(p) {
				if match(r, l.name) {
					found[p.Partition] = append(found[p.Partition], r.Offset)
					recs = append(recs, r)
				}
			}
		}
		return found, recs, true
	}
	where := func(found map[int32][]int64) string {
		if len(found) == 0 {
			return fmt.Sprintf("no record with that %s", what)
		}
		parts := make([]int32, 0, len(found))
		for p := range found {
			parts = append(parts, p)
		}
		slices.Sort(parts)
		var s []string
		for _, p := range parts {
			offs := make([]string, len(found[p]))
			for i, o := range found[p] {
				offs[i] = strconv.FormatInt(o, 10)
			}
			s = append(s, fmt.Sprintf("partition %d at offset(s) %s", p, strings.Join(offs, ",")))
		}
		return "found in " + strings.Join(s, "; ")
	}
	count := func(found map[int32][]int64) int64 {
		n := 0
		for _, o := range found {
			n += len(o)
		}
		return int64(n)
	}
	eval := func(f func(found map[int32][]int64, recs []engine.Record, v value) bool) func(State, *leaf, value) (bool, string) {
		return func(st State, l *leaf, v value) (bool, string) {
			found, recs, ok := find(st, l)
			if !ok {
				return false, fmt.Sprintf("topic %s does not exist", l.filters["topic"])
			}
			return f(found, recs, v), where(found)
		}
	}
	ops := map[string]*opSpec{
		"exists": {arg: argBool,
			eval: eval(func(found map[int32][]int64, _ []engine.Record, v value) bool { return (len(found) > 0) == v.b }),
			describe: func(l *leaf, v value) string {
				if v.b {
					return fmt.Sprintf("has a record with %s %q", what, l.name)
				}
				return fmt.Sprintf("has no record with %s %q", what, l.name)
			}},
		"in_partition": {arg: argInt,
			eval: eval(func(found map[int32][]int64, _ []engine.Record, v value) bool {
				return len(found) == 1 && len(found[int32(v.i)]) > 0
			}),
			describe: func(l *leaf, v value) string {
				return fmt.Sprintf("has its records with %s %q in partition %d, and only there", what, l.name, v.i)
			}},
		"count": {arg: argInt,
			eval: eval(func(found map[int32][]int64, _ []engine.Record, v value) bool { return count(found) == v.i }),
			describe: func(l *leaf, v value) string {
				return fmt.Sprintf("has exactly %d record(s) with %s %q", v.i, what, l.name)
			}},
		"count_at_least": {arg: argInt,
			eval: eval(func(found map[int32][]int64, _ []engine.Record, v value) bool { return count(found) >= v.i }),
			describe: func(l *leaf, v value) string {
				return fmt.Sprintf("has at least %d record(s) with %s %q", v.i, what, l.name)
			}},
	}
	if what == "key" {
		// The latest record of a key is what a compacted topic keeps, and what a table built
		// from the topic would hold for that key.
		// Within one partition the latest is the highest offset, as the log cleaner sees it; a
		// key spread over partitions (the topic grew) falls back to the newest timestamp.
		latest := func(found map[int32][]int64, recs []engine.Record) (engine.Record, bool) {
			if len(recs) == 0 {
				return engine.Record{}, false
			}
			if len(found) == 1 {
				return recs[len(recs)-1], true
			}
			best := recs[0]
			for _, r := range recs[1:] {
				if r.Timestamp >= best.Timestamp {
					best = r
				}
			}
			return best, true
		}
		ops["latest_value"] = &opSpec{arg: argString,
			eval: func(st State, l *leaf, v value) (bool, string) {
				found, recs, ok := find(st, l)
				if !ok {
					return false, fmt.Sprintf("topic %s does not exist", l.filters["topic"])
				}
				r, ok := latest(found, recs)
				if !ok {
					return false, "no record with that key"
				}
				return !r.NullValue && r.Value == v.s, fmt.Sprintf("latest value %q at offset %d", r.ValueString(), r.Offset)
			},
			describe: func(l *leaf, v value) string {
				return fmt.Sprintf("has %q as the latest value of key %q", v.s, l.name)
			}}
		ops["tombstone"] = &opSpec{arg: argBool,
			eval: func(st State, l *leaf, v value) (bool, string) {
				found, recs, ok := find(st, l)
				if !ok {
					return false, fmt.Sprintf("topic %s does not exist", l.filters["topic"])
				}
				r, ok := latest(found, recs)
				if !ok {
					return false, "no record with that key"
				}
				return r.NullValue == v.b, fmt.Sprintf("latest value %q at offset %d", r.ValueString(), r.Offset)
			},
			describe: func(l *leaf, v value) string {
				if v.b {
					return fmt.Sprintf("has a tombstone (a null value) as the latest record of key %q", l.name)
				}
				return fmt.Sprintf("has a value, not a tombstone, as the latest record of key %q", l.name)
			}}
	}
	return &subjectSpec{
		key: key, arg: argString,
		filters:  map[string]argKind{"topic": argString},
		required: []string{"topic"},
		describe: func(l *leaf) string { return "topic " + l.filters["topic"] },
		ops:      ops,
	}
}

// eventSubject counts the events of one kind since the step began, optionally narrowed to a
// topic, partition, broker, group or client, or to messages containing some text.
var eventSubject = &subjectSpec{
	key: "event", arg: argEnum,
	filters: map[string]argKind{"topic": argString, "partition": argPartition, "broker": argInt,
		"group": argString, "client": argString, "contains": argString},
	implicit: "count_at_least",
	describe: func(*leaf) string { return "" },
	ops: map[string]*opSpec{
		"count_at_least": {arg: argInt,
			eval: func(st State, l *leaf, v value) (bool, string) {
				n := 0
				for _, e := range st.Events {
					if eventMatches(e, l) {
						n++
					}
				}
				return int64(n) >= v.i, fmt.Sprintf("%d matching %s event(s) since this step began", n, l.name)
			},
			describe: func(l *leaf, v value) string {
				var s strings.Builder
				if v.i == 1 {
					article := "a"
					if strings.ContainsRune("AEIOU", rune(l.name[0])) {
						article = "an"
					}
					fmt.Fprintf(&s, "%s %s event", article, l.name)
				} else {
					fmt.Fprintf(&s, "at least %d %s events", v.i, l.name)
				}
				for _, k := range []string{"topic", "partition", "broker", "group", "client"} {
					if f, ok := l.filters[k]; ok {
						fmt.Fprintf(&s, " for %s %s", k, f)
					}
				}
				if c, ok := l.filters["contains"]; ok {
					fmt.Fprintf(&s, " mentioning %q", c)
				}
				if v.i == 1 {
					s.WriteString(" has happened since this step began")
				} else {
					s.WriteString(" have happened since this step began")
				}
				return s.String()
			}},
	},
}

// eventKindNames lists the engine's event kinds by their stable names, for validation.
func eventKindNames() []string {
	var names []string
	for k := engine.EventKind(1); ; k++ {
		n := k.String()
		if strings.HasPrefix(n, "EventKind(") {
			return names
		}
		names = append(names, n)
	}
}

func eventMatches(e engine.Event, l *leaf) bool {
	if e.Kind.String() != l.name {
		return false
	}
	for k, f := range l.filters {
		switch k {
		case "topic":
			if e.Topic != f {
				return false
			}
		case "partition":
			t, p, _ := parseTopicPartition(f)
			if e.Topic != t || e.Partition != p {
				return false
			}
		case "broker":
			if strconv.Itoa(int(e.Broker)) != f {
				return false
			}
		case "group":
			if e.Group != f {
				return false
			}
		case "client":
			if e.Client != f {
				return false
			}
		case "contains":
			if !strings.Contains(e.Message, f) {
				return false
			}
		}
	}
	return true
}
