package assign

// Range is Kafka's RangeAssignor ("range"), the default assignor of the Java
// consumer (partition.assignment.strategy = [RangeAssignor,
// CooperativeStickyAssignor] since 3.0, and Range wins while any member
// still lists it first).
//
// Each topic is split on its own. Take the n partitions of a topic and the c
// members subscribed to it, sorted static-first by group.instance.id and then
// by member.id. Member i gets the contiguous range that starts at
// (n/c)*i + min(i, n%c) and is n/c long, plus one if i < n%c. Because every
// topic gives its spare partitions to the same first members, Range piles
// up imbalance as the number of topics grows; that is the classic lesson it
// teaches, and why cooperative-sticky exists.
//
// Suppose there are two members C0 and C1, both subscribed to t0 and t1, and
// each topic has three partitions. The plan is
//
//	C0: [t0-0 t0-1 t1-0 t1-1]
//	C1: [t0-2 t1-2]
//
// C0 gets the extra partition of both topics: four against two.
//
// The rack-aware variant (KIP-881) is not modelled: it only applies when
// both consumers and replicas report racks. Java appends topics to a
// member's list in HashMap order of topic names; here topics are visited in
// sorted order, so each member's list is sorted by topic then partition.
func Range(members []Member, partitions map[string]int32) Plan {
	g := newGroup(members, partitions)
	plan := g.emptyPlan()
	for _, topic := range g.topics {
		consumers := append([]*member(nil), g.subs[topic]...)
		sortMembers(consumers)
		n, c := int(g.counts[topic]), len(consumers)
		per, extra := n/c, n%c
		for i, m := range consumers {
			start := per*i + min(i, extra)
			length := per
			if i < extra {
				length++
			}
			for p := start; p < start+length; p++ {
				plan[m.ID] = append(plan[m.ID], TopicPartition{topic, int32(p)})
			}
		}
	}
	return plan
}
