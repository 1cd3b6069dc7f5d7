package lessons

import (
	"fmt"
	"slices"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

var groupStates = []string{"Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"}

var groupSubject = &subjectSpec{
	key: "group", arg: argString,
	describe: func(l *leaf) string { return "group " + l.name },
	ops: map[string]*opSpec{
		"exists": {arg: argBool,
			eval: func(st State, l *leaf, v value) (bool, string) {
				_, ok := st.View.Group(l.name)
				return ok == v.b, existsText(ok)
			},
			describe: boolPhrase("exists", "does not exist")},
		"state": {arg: argEnum, enum: groupStates,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				return g.State.String() == v.s, "state " + g.State.String()
			}),
			describe: func(_ *leaf, v value) string { return "is " + v.s }},
		"members": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				return int64(len(g.Members)) == v.i, fmt.Sprintf("%d member(s)", len(g.Members))
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has %d member(s)", v.i) }},
		"idle_members_at_least": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				n := idleMembers(g)
				return g.State == engine.GroupStable && int64(n) >= v.i,
					fmt.Sprintf("%d idle member(s), state %s", n, g.State)
			}),
			describe: func(_ *leaf, v value) string {
				return fmt.Sprintf("is Stable with at least %d member(s) that own no partition", v.i)
			}},
		"lag": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				n, text := groupLag(g)
				return n >= 0 && n == v.i, text
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a total lag of %d", v.i) }},
		"lag_at_least": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				n, text := groupLag(g)
				return n >= 0 && n >= v.i, text
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a total lag of at least %d", v.i) }},
		"lag_at_most": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				n, text := groupLag(g)
				return n >= 0 && n <= v.i, text
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a total lag of at most %d", v.i) }},
		"generation_at_least": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				return int64(g.Generation) >= v.i, fmt.Sprintf("generation %d", g.Generation)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has reached generation %d", v.i) }},
		"committed": {arg: argCommitted,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				for _, o := range g.Offsets {
					if o.Topic == v.topic && o.Partition == v.part {
						if o.Committed < 0 {
							break
						}
						return o.Committed == v.i, fmt.Sprintf("committed %s-%d=%d", o.Topic, o.Partition, o.Committed)
					}
				}
				return false, fmt.Sprintf("nothing committed for %s-%d", v.topic, v.part)
			}),
			describe: func(_ *leaf, v value) string {
				return fmt.Sprintf("has committed offset %d for %s-%d", v.i, v.topic, v.part)
			}},
		"protocol": {arg: argString,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				return g.Protocol == v.s, "assignor " + orDash(g.Protocol)
			}),
			describe: func(_ *leaf, v value) string { return "uses the " + v.s + " assignor" }},
		"coordinator_not": {arg: argInt,
			eval: groupEval(func(g engine.GroupView, v value) (bool, string) {
				if g.Coordinator < 0 {
					return false, "no coordinator"
				}
				return int64(g.Coordinator) != v.i, fmt.Sprintf("coordinator broker %d", g.Coordinator)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has a coordinator other than broker %d", v.i) }},
	},
}

func groupEval(f func(g engine.GroupView, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		g, ok := st.View.Group(l.name)
		if !ok {
			return false, "it does not exist"
		}
		return f(g, v)
	}
}

func idleMembers(g engine.GroupView) int {
	n := 0
	for _, m := range g.Members {
		if len(m.Assignment) == 0 {
			n++
		}
	}
	return n
}

// groupLag is the group's total lag as kafka-consumer-groups computes it, per partition the
// high watermark minus the committed offset. It is unknown (-1) when the group has no offsets
// at all or some partition has nothing committed: a lag of 0 must mean "caught up", never
// "never started".
func groupLag(g engine.GroupView) (int64, string) {
	if len(g.Offsets) == 0 {
		return -1, "lag unknown: nothing committed and no partitions owned"
	}
	var total int64
	var unknown []string
	for _, o := range g.Offsets {
		if o.Lag < 0 {
			unknown = append(unknown, fmt.Sprintf("%s-%d", o.Topic, o.Partition))
			continue
		}
		total += o.Lag
	}
	if len(unknown) > 0 {
		return -1, "lag unknown for " + strings.Join(unknown, ", ") + " (nothing committed, or no leader)"
	}
	return total, fmt.Sprintf("total lag %d", total)
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

var consumerSubject = &subjectSpec{
	key: "consumer", arg: argString,
	describe: func(l *leaf) string { return "consumer " + l.name },
	ops: map[string]*opSpec{
		"exists": {arg: argBool,
			eval: func(st State, l *leaf, v value) (bool, string) {
				_, ok := findConsumer(st.View, l.name)
				return ok == v.b, existsText(ok)
			},
			describe: boolPhrase("exists", "does not exist")},
		"assigned": {arg: argInt,
			eval: consumerEval(func(c engine.ConsumerView, v value) (bool, string) {
				return int64(len(c.Assignment)) == v.i, assignmentText(c)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("owns %d partition(s)", v.i) }},
		"assigned_at_least": {arg: argInt,
			eval: consumerEval(func(c engine.ConsumerView, v value) (bool, string) {
				return int64(len(c.Assignment)) >= v.i, assignmentText(c)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("owns at least %d partition(s)", v.i) }},
		"owns": {arg: argPartition,
			eval: consumerEval(func(c engine.ConsumerView, v value) (bool, string) {
				return slices.ContainsFunc(c.Assignment, func(a engine.ConsumerPartitionView) bool {
					return a.Topic == v.topic && a.Partition == v.part
				}), assignmentText(c)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("owns %s-%d", v.topic, v.part) }},
		"polled_at_least": {arg: argInt,
			eval: consumerEval(func(c engine.ConsumerView, v value) (bool, string) {
				return int64(c.Polled) >= v.i, fmt.Sprintf("%d record(s) polled", c.Polled)
			}),
			describe: func(_ *leaf, v value) string { return fmt.Sprintf("has polled at least %d record(s)", v.i) }},
	},
}

func findConsumer(v engine.View, name string) (engine.ConsumerView, bool) {
	for _, c := range v.Consumers {
		if c.Name == name {
			return c, true
		}
	}
	return engine.ConsumerView{}, false
}

func consumerEval(f func(c engine.ConsumerView, v value) (bool, string)) func(State, *leaf, value) (bool, string) {
	return func(st State, l *leaf, v value) (bool, string) {
		c, ok := findConsumer(st.View, l.name)
		if !ok {
			return false, "it does not exist"
		}
		return f(c, v)
	}
}

func assignmentText(c engine.ConsumerView) string {
	if len(c.Assignment) == 0 {
		return "owns no partition"
	}
	s := make([]string, len(c.Assignment))
	for i, a := range c.Assignment {
		s[i] = fmt.Sprintf("%s-%d", a.Topic, a.Partition)
	}
	return "owns " + strings.Join(s, " ")
}
