package assign_test

import (
	"fmt"

	"github.com/kafka-playground/playground/engine/assign"
)

// The worked examples of the doc comments, as executable tests.

func members(ids []string, topics ...string) []assign.Member {
	out := make([]assign.Member, len(ids))
	for i, id := range ids {
		out[i] = assign.Member{ID: id, Topics: topics, Generation: -1}
	}
	return out
}

// Range gives the first member the spare partition of every topic.
func ExampleRange() {
	plan := assign.Range(members([]string{"C0", "C1"}, "t0", "t1"), map[string]int32{"t0": 3, "t1": 3})
	fmt.Print(plan)
	// Output:
	// C0: [t0-0 t0-1 t1-0 t1-1]
	// C1: [t0-2 t1-2]
}

// The RoundRobinAssignor Javadoc example: with unequal subscriptions round
// robin is badly unbalanced.
func ExampleRoundRobin() {
	plan := assign.RoundRobin([]assign.Member{
		{ID: "C0", Topics: []string{"t0"}},
		{ID: "C1", Topics: []string{"t0", "t1"}},
		{ID: "C2", Topics: []string{"t0", "t1", "t2"}},
	}, map[string]int32{"t0": 1, "t1": 2, "t2": 3})
	fmt.Print(plan)
	// Output:
	// C0: [t0-0]
	// C1: [t1-0]
	// C2: [t1-1 t2-0 t2-1 t2-2]
}

// The StickyAssignor Javadoc example 1: a fresh group, then C1 leaves and
// the survivors report what they own.
func ExampleSticky() {
	topics := map[string]int32{"t0": 2, "t1": 2, "t2": 2, "t3": 2}
	group := members([]string{"C0", "C1", "C2"}, "t0", "t1", "t2", "t3")
	plan := assign.Sticky(group, topics)
	fmt.Print(plan)

	survivors := []assign.Member{group[0], group[2]}
	for i := range survivors {
		survivors[i].Owned = plan[survivors[i].ID]
		survivors[i].Generation = 1
	}
	fmt.Println("after C1 leaves:")
	fmt.Print(assign.Sticky(survivors, topics))
	// Output:
	// C0: [t0-0 t1-1 t3-0]
	// C1: [t0-1 t2-0 t3-1]
	// C2: [t1-0 t2-1]
	// after C1 leaves:
	// C0: [t0-0 t3-0 t1-1 t0-1]
	// C2: [t1-0 t2-1 t2-0 t3-1]
}

// C1 joins while C0 owns all of t: the partition that moves is withheld
// for one round, until C0 has revoked it.
func ExampleCooperativeSticky() {
	topics := map[string]int32{"t": 3}
	group := []assign.Member{
		{ID: "C0", Topics: []string{"t"}, Owned: []assign.TopicPartition{{"t", 0}, {"t", 1}, {"t", 2}}, Generation: 1},
		{ID: "C1", Topics: []string{"t"}, Generation: -1},
	}
	plan, withheld := assign.CooperativeSticky(group, topics)
	fmt.Print(plan)
	fmt.Println("withheld:", withheld)

	// C0 revokes t-2 and rejoins; everyone reports what it now owns.
	for i := range group {
		group[i].Owned = plan[group[i].ID]
		group[i].Generation = 2
	}
	plan, withheld = assign.CooperativeSticky(group, topics)
	fmt.Print(plan)
	fmt.Println("withheld:", withheld)
	// Output:
	// C0: [t-0 t-1]
	// C1: []
	// withheld: [t-2]
	// C0: [t-0 t-1]
	// C1: [t-2]
	// withheld: []
}

func ExampleByName() {
	strategy, ok := assign.ByName("roundrobin")
	fmt.Println(ok)
	fmt.Print(strategy(members([]string{"M0", "M1"}, "t0", "t1"), map[string]int32{"t0": 3, "t1": 3}))
	// Output:
	// true
	// M0: [t0-0 t0-2 t1-1]
	// M1: [t0-1 t1-0 t1-2]
}
