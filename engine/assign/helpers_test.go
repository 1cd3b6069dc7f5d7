package assign

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"
)

// Small builders that keep the vector tables close to the way Kafka's tests
// and kafka-semantics.md write them.

// dyn is a dynamic member with no owned partitions and an unknown generation.
func dyn(id string, topics ...string) Member {
	return Member{ID: id, Topics: topics, Generation: -1}
}

// static is a static member (group.instance.id set).
func static(id, instance string, topics ...string) Member {
	m := dyn(id, topics...)
	m.InstanceID = instance
	return m
}

// owns returns m reporting owned partitions from generation gen, written
// "topic1-0 topic2-1".
func owns(m Member, gen int32, owned string) Member {
	m.Owned = tps(owned)
	m.Generation = gen
	return m
}

// tps parses "topic1-0 topic1-2, topic2-1" (spaces and/or commas).
func tps(s string) []TopicPartition {
	out := []TopicPartition{}
	for _, f := range strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == ',' }) {
		i := strings.LastIndexByte(f, '-')
		p, err := strconv.Atoi(f[i+1:])
		if err != nil {
			panic(f)
		}
		out = append(out, TopicPartition{f[:i], int32(p)})
	}
	return out
}

// plan parses {"c1": "topic1-0 topic1-1", ...}.
func plan(m map[string]string) Plan {
	p := make(Plan, len(m))
	for id, s := range m {
		p[id] = tps(s)
	}
	return p
}

// sortedPlan returns a copy with every list sorted, for set comparisons.
func sortedPlan(p Plan) Plan {
	out := make(Plan, len(p))
	for id, l := range p {
		sorted := slices.Clone(l)
		if sorted == nil {
			sorted = []TopicPartition{}
		}
		slices.SortFunc(sorted, compareTopicPartition)
		out[id] = sorted
	}
	return out
}

// requirePlan compares plans with list order.
func requirePlan(t *testing.T, want, got Plan, msgAndArgs ...any) {
	t.Helper()
	require.Equal(t, want.String(), got.String(), msgAndArgs...)
	require.Equal(t, want, got, msgAndArgs...)
}

// requirePlanSets compares plans as a set of partitions per member.
func requirePlanSets(t *testing.T, want, got Plan, msgAndArgs ...any) {
	t.Helper()
	require.Equal(t, sortedPlan(want).String(), sortedPlan(got).String(), msgAndArgs...)
}

// withOwned returns members whose Owned is what p gives them, from
// generation gen, as the members of the next rebalance would report it.
func withOwned(members []Member, p Plan, gen int32) []Member {
	out := make([]Member, len(members))
	for i, m := range members {
		m.Owned = slices.Clone(p[m.ID])
		m.Generation = gen
		out[i] = m
	}
	return out
}

// cooperativeRevokes is Kafka's CooperativeStickyAssignorTest.
// verifyCooperativeValidity: no partition may be assigned to a member in the
// same round in which another member has it revoked. It reports whether any
// member has partitions revoked, which makes the members rejoin.
func cooperativeRevokes(t testing.TB, members []Member, p Plan) bool {
	t.Helper()
	added := map[TopicPartition]string{}
	revoked := map[TopicPartition]string{}
	for _, m := range members {
		owned := map[TopicPartition]bool{}
		for _, tp := range m.Owned {
			owned[tp] = true
		}
		assigned := map[TopicPartition]bool{}
		for _, tp := range p[m.ID] {
			assigned[tp] = true
			if !owned[tp] {
				added[tp] = m.ID
			}
		}
		for _, tp := range m.Owned {
			if !assigned[tp] {
				revoked[tp] = m.ID
			}
		}
	}
	for tp, to := range added {
		if from, ok := revoked[tp]; ok {
			require.Failf(t, "cooperative violation", "%v assigned to %s in the round it is revoked from %s", tp, to, from)
		}
	}
	return len(revoked) > 0
}

// cooperativeSettle drives CooperativeSticky the way Kafka's
// verifyValidityAndBalance does: while a round revokes something, the
// members rejoin reporting what they now own (generation gen) and the
// assignor runs again. It returns the first round's plan and withheld set,
// the members as they report in the last round, and the settled plan.
func cooperativeSettle(t testing.TB, members []Member, partitions map[string]int32, gen int32) (first Plan, withheld []TopicPartition, last []Member, final Plan) {
	t.Helper()
	first, withheld = CooperativeSticky(members, partitions)
	final = clonePlan(first)
	last = members
	for rounds := 0; cooperativeRevokes(t, last, final); rounds++ {
		require.LessOrEqual(t, rounds, 4, "cooperative rebalancing did not settle")
		last = withOwned(last, final, gen)
		final, _ = CooperativeSticky(last, partitions)
	}
	return first, withheld, last, final
}

func clonePlan(p Plan) Plan {
	out := make(Plan, len(p))
	for id, l := range p {
		out[id] = slices.Clone(l)
	}
	return out
}

// transferringOf runs the sticky algorithm and returns Kafka's
// partitionsTransferringOwnership (nil on the general path).
func transferringOf(members []Member, partitions map[string]int32) map[TopicPartition]string {
	_, tr, _ := stickyAssign(members, partitions)
	return tr
}
