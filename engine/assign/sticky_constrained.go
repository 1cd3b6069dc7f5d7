package assign

import (
	"fmt"
	"slices"
)

// constrainedAssign is Kafka's ConstrainedAssignmentBuilder (rack-unaware),
// used when every member subscribes to the same topics. With P partitions
// and C members, every member must end with minQuota = P/C or
// maxQuota = ceil(P/C) partitions, and exactly P%C members get maxQuota.
//
//  1. Owned partitions. Members are visited in Java HashMap order of their
//     ids. A member's valid owned partitions are sorted by partition number,
//     then topic. Fewer than minQuota: it keeps them all and is "under".
//     At least maxQuota while fewer than P%C members have claimed maxQuota:
//     it keeps the first maxQuota. Otherwise it keeps the first minQuota and,
//     if members may still go over minQuota, it waits on the "exactly min"
//     list. Whatever it does not keep is revoked.
//  2. The rest, sorted by topic then partition, goes round robin over the
//     "under" members (sorted by id) until each reaches minQuota, when it
//     joins the end of the "exactly min" list. Once nobody is under, the
//     remaining partitions go one each, in list order, to the "exactly min"
//     members: first those from step 1 (sorted by id), then the ones that
//     reached minQuota in step 2, in the order they did.
//
// The HashMap order matters in step 1. With consumer1 owning [t1-0 t2-0],
// consumer2 owning [t1-1 t2-1] and a new consumer3 (four partitions, so
// quotas 1 and 2 and only one member may keep two), Java visits consumer3,
// consumer2, consumer1: consumer2 keeps both of its partitions and consumer1
// gives up t2-0. A simulator that walked the members in sorted order would
// pick consumer1, and disagree with Kafka's
// testMaxQuotaConsumerMoreThanNumExpectedMaxCapacityMembers.
//
// The second result is partitionsTransferringOwnership: partitions given to
// a member although another member owned them (or several did).
func constrainedAssign(st *stickyState) (Plan, map[TopicPartition]string) {
	g := st.g
	total := g.totalPartitions()
	numMembers := len(g.members)
	minQuota := total / numMembers
	maxQuota := (total + numMembers - 1) / numMembers
	expectedOverMin := total % numMembers
	currentOverMin := 0

	plan := g.emptyPlan()
	assigned := make(map[TopicPartition]bool)
	revoked := make(map[TopicPartition]bool)
	transferring := make(map[TopicPartition]string)
	var under, exactlyMin []string

	for _, m := range st.order {
		owned := slices.Clone(st.owned[m.ID])
		slices.SortStableFunc(owned, func(a, b TopicPartition) int {
			switch {
			case a.Partition < b.Partition:
				return -1
			case a.Partition > b.Partition:
				return 1
			}
			return javaCompare(a.Topic, b.Topic)
		})
		// A partition that won a generation contest may still be marked
		// as contested; Kafka drops it here too.
		owned = slices.DeleteFunc(owned, func(tp TopicPartition) bool { return st.multi[tp] })

		keep := len(owned)
		switch {
		case len(owned) < minQuota:
			under = append(under, m.ID)
		case len(owned) >= maxQuota && currentOverMin < expectedOverMin:
			currentOverMin++
			if currentOverMin == expectedOverMin {
				exactlyMin = exactlyMin[:0]
			}
			keep = maxQuota
		default:
			keep = minQuota
			if currentOverMin < expectedOverMin {
				exactlyMin = append(exactlyMin, m.ID)
			}
		}
		plan[m.ID] = append(plan[m.ID], owned[:keep]...)
		for _, tp := range owned[:keep] {
			assigned[tp] = true
		}
		for _, tp := range owned[keep:] {
			revoked[tp] = true
		}
	}

	var unassigned []TopicPartition
	for _, topic := range g.topics {
		for p := int32(0); p < g.counts[topic]; p++ {
			if tp := (TopicPartition{topic, p}); !assigned[tp] {
				unassigned = append(unassigned, tp)
			}
		}
	}
	slices.SortFunc(under, javaCompare)
	slices.SortFunc(exactlyMin, javaCompare)

	give := func(tp TopicPartition, id string) int {
		plan[id] = append(plan[id], tp)
		if revoked[tp] || st.multi[tp] {
			transferring[tp] = id
		}
		return len(plan[id])
	}

	// assignRoundRobin: a cursor over the under list, restarted from the
	// top when it runs off the end, as Java's iterator is.
	cursor := 0
	for _, tp := range unassigned {
		var id string
		fromUnder := false
		switch {
		case cursor < len(under):
			id, fromUnder = under[cursor], true
		case len(under) == 0 && len(exactlyMin) == 0:
			panic(fmt.Sprintf("assign: sticky: no member can take %v; quotas %d/%d", tp, minQuota, maxQuota))
		case len(under) == 0:
			id, exactlyMin = exactlyMin[0], exactlyMin[1:]
		default:
			cursor = 0
			id, fromUnder = under[0], true
		}
		if fromUnder {
			cursor++
		}
		switch count := give(tp, id); {
		case count == minQuota:
			if fromUnder {
				cursor--
				under = slices.Delete(under, cursor, cursor+1)
			}
			exactlyMin = append(exactlyMin, id)
		case count == maxQuota:
			currentOverMin++
		}
	}
	return plan, transferring
}
