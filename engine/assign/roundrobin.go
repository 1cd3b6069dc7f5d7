package assign

// RoundRobin is Kafka's RoundRobinAssignor ("roundrobin").
//
// All partitions of all subscribed topics are laid out in one list, topics in
// String order and partitions 0..n-1 within each topic. A circular iterator
// walks the members, sorted static-first by group.instance.id and then by
// member.id. For each partition it skips members that do not subscribe to
// the partition's topic, hands the partition to the member it stops at, and
// moves one step on. When everyone subscribes to the same topics this deals
// the partitions out like cards and counts differ by at most one; with
// unequal subscriptions it can be badly unbalanced, which is what KIP-54's
// sticky assignor set out to fix.
//
// Suppose C0 subscribes to t0, C1 to t0 and t1, and C2 to t0, t1 and t2,
// where t0, t1 and t2 have one, two and three partitions. The plan is
//
//	C0: [t0-0]
//	C1: [t1-0]
//	C2: [t1-1 t2-0 t2-1 t2-2]
//
// t0-0, t1-0 and t1-1 go to C0, C1 and C2 in turn. Only C2 subscribes to t2,
// so for each t2 partition the iterator skips C0 and C1: C2 ends with four
// partitions and C0 with one, the imbalance sticky avoids.
func RoundRobin(members []Member, partitions map[string]int32) Plan {
	g := newGroup(members, partitions)
	plan := g.emptyPlan()
	ring := append([]*member(nil), g.members...)
	sortMembers(ring)
	next := 0
	for _, topic := range g.topics {
		for p := int32(0); p < g.counts[topic]; p++ {
			// Every topic in g.topics has a subscriber, so this stops.
			for !ring[next].subscribes(topic) {
				next = (next + 1) % len(ring)
			}
			m := ring[next]
			plan[m.ID] = append(plan[m.ID], TopicPartition{topic, p})
			next = (next + 1) % len(ring)
		}
	}
	return plan
}
