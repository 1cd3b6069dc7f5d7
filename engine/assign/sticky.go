package assign

import "slices"

// Sticky is Kafka's eager StickyAssignor ("sticky", KIP-54).
//
// It has two goals, in this order: (1) balance, meaning partition counts
// differ by at most one, or, with unequal subscriptions, no single move
// could improve them; (2) stickiness, meaning every member keeps as many of
// the partitions it owned before as balance allows. Each member reports the
// partitions it owns (Member.Owned) and the generation they came from
// (Member.Generation, -1 if unknown). If two members claim the same
// partition with the same generation, neither keeps it; with different
// generations the higher one does.
//
// When every member subscribes to the same topics, Kafka's
// ConstrainedAssignmentBuilder runs (see constrainedAssign); otherwise the
// GeneralAssignmentBuilder does (see generalAssign). Both are reproduced
// step by step, including the places where Java's HashMap iteration order
// decides the outcome; the visible one is which members keep an extra
// partition when more of them own one than the arithmetic allows.
//
// Suppose C0, C1 and C2 all subscribe to t0, t1, t2 and t3, each with two
// partitions, and nobody owns anything yet. The plan is
//
//	C0: [t0-0 t1-1 t3-0]
//	C1: [t0-1 t2-0 t3-1]
//	C2: [t1-0 t2-1]
//
// Now C1 leaves, and C0 and C2 report what they own. They keep all of it and
// C1's three partitions are shared out, so only those three move:
//
//	C0: [t0-0 t3-0 t1-1 t0-1]
//	C2: [t1-0 t2-1 t2-0 t3-1]
//
// (The StickyAssignor Javadoc shows a different but equally sticky result
// for the second step; the plan above is what Kafka's code computes today.)
// Range ignores ownership: for the same survivors it would also swap t1-0
// and t1-1 between C0 and C2.
//
// Sticky is eager: in a real group every member revokes everything before
// the rebalance and gets the final plan in one round. CooperativeSticky uses
// the same algorithm but withholds the partitions that change owner.
func Sticky(members []Member, partitions map[string]int32) Plan {
	plan, _, _ := stickyAssign(members, partitions)
	return plan
}

// CooperativeSticky is Kafka's CooperativeStickyAssignor
// ("cooperative-sticky", KIP-429): the sticky algorithm, then every
// partition that is moving from one live owner to another is removed from
// its new owner's assignment. The second result lists those withheld
// partitions, sorted by topic and partition.
//
// The reason is the cooperative protocol: members keep consuming what they
// still own during a rebalance, so a partition must not be handed to its
// new owner before the old owner has stopped. The old owner sees the
// partition missing from its assignment, revokes it and rejoins; in that
// follow-up rebalance nobody owns it any more and it is assigned. A
// partition is therefore never revoked and assigned in the same round.
//
// Suppose C0 owns all three partitions of t and C1 joins. Round one gives
//
//	C0: [t-0 t-1]
//	C1: []
//
// with t-2 withheld: C0 revokes it. In round two C0 reports [t-0 t-1], and
// C1 gets [t-2].
//
// A partition claimed by two members of the same generation is withheld as
// well: both must revoke it before anyone gets it. On the general path
// (unequal subscriptions) Kafka computes the withheld set afterwards by
// comparing each member's new assignment with what it reported owning; that
// is reproduced here too.
func CooperativeSticky(members []Member, partitions map[string]int32) (Plan, []TopicPartition) {
	plan, transferring, st := stickyAssign(members, partitions)
	if transferring == nil {
		transferring = computeTransferring(st, plan)
	}
	withheld := make([]TopicPartition, 0, len(transferring))
	for tp := range transferring {
		withheld = append(withheld, tp)
	}
	slices.SortFunc(withheld, compareTopicPartition)
	for _, tp := range withheld {
		owner := transferring[tp]
		if i := slices.Index(plan[owner], tp); i >= 0 {
			plan[owner] = slices.Delete(plan[owner], i, i+1)
		}
	}
	return plan, withheld
}

// stickyState is what AbstractStickyAssignor.allSubscriptionsEqual works out
// before either builder runs.
type stickyState struct {
	g *group
	// order is the Java HashMap iteration order of the member ids, for the
	// places where Kafka iterates its subscriptions map.
	order []*member
	// owned is consumerToOwnedPartitions: each member's owned partitions of
	// assignable topics, after ownership conflicts were resolved.
	owned map[string][]TopicPartition
	// multi is partitionsWithMultiplePreviousOwners: partitions claimed by
	// two members of the same generation.
	multi map[TopicPartition]bool
	// maxGeneration is the highest generation any member reported.
	maxGeneration int32
	// allEqual reports whether every member subscribes to the same topics.
	allEqual bool
}

// stickyAssign runs the shared sticky algorithm. transferring is Kafka's
// partitionsTransferringOwnership (partition → new owner) on the
// constrained path, and nil on the general path, as in Kafka.
func stickyAssign(members []Member, partitions map[string]int32) (Plan, map[TopicPartition]string, *stickyState) {
	st := newStickyState(members, partitions)
	if len(st.g.members) == 0 {
		return Plan{}, map[TopicPartition]string{}, st
	}
	if st.allEqual {
		plan, transferring := constrainedAssign(st)
		return plan, transferring, st
	}
	return generalAssign(st), nil, st
}

// newStickyState follows allSubscriptionsEqual. Members are visited in Java
// HashMap order because that decides which claimant of a contested
// partition is seen first.
//
// Deviations, all for inputs a Java client cannot send: a member with an
// empty subscription counts as a different subscription (Kafka's check
// skips it when it happens to come first, which could hand partitions to
// a member that subscribes to nothing); owned partitions with a partition
// number the topic does not have are ignored.
func newStickyState(members []Member, partitions map[string]int32) *stickyState {
	g := newGroup(members, partitions)
	st := &stickyState{
		g:             g,
		owned:         make(map[string][]TopicPartition, len(g.members)),
		multi:         make(map[TopicPartition]bool),
		maxGeneration: -1,
		allEqual:      true,
	}
	ids := make([]string, len(g.members))
	for i, m := range g.members {
		ids[i] = m.ID
	}
	for _, id := range javaHashMapOrder(ids) {
		st.order = append(st.order, g.byID[id])
	}

	var first *member
	previousOwner := make(map[TopicPartition]*member)
	for _, m := range st.order {
		if first == nil {
			first = m
		} else if st.allEqual && !sameTopics(first, m) {
			st.allEqual = false
		}
		st.maxGeneration = max(st.maxGeneration, m.Generation)
		owned := []TopicPartition{}
		for _, tp := range m.Owned {
			if !g.validPartition(tp) {
				continue
			}
			other, claimed := previousOwner[tp]
			switch {
			case !claimed:
				owned = append(owned, tp)
				previousOwner[tp] = m
			case m.Generation == other.Generation:
				// Same generation: nobody can be trusted to own it.
				st.multi[tp] = true
				if other == m {
					owned = removeFirst(owned, tp)
				} else {
					st.owned[other.ID] = removeFirst(st.owned[other.ID], tp)
				}
				previousOwner[tp] = m
			case m.Generation > other.Generation:
				owned = append(owned, tp)
				st.owned[other.ID] = removeFirst(st.owned[other.ID], tp)
				previousOwner[tp] = m
			default:
				// The other member has the newer claim and keeps it.
			}
		}
		st.owned[m.ID] = owned
	}
	return st
}

// sameTopics compares two subscriptions as sets.
func sameTopics(a, b *member) bool {
	if len(a.topics) != len(b.topics) {
		return false
	}
	for _, t := range b.topics {
		if !a.subscribes(t) {
			return false
		}
	}
	return true
}

// removeFirst is Java's List.remove(Object): it drops the first occurrence.
func removeFirst(list []TopicPartition, tp TopicPartition) []TopicPartition {
	if i := slices.Index(list, tp); i >= 0 {
		return slices.Delete(list, i, i+1)
	}
	return list
}

// computeTransferring is CooperativeStickyAssignor's
// computePartitionsTransferringOwnership, used on the general path: a
// partition transfers if some member gets it without having owned it while
// another member owned it and loses it. Ownership here is what each member
// reported, before any conflict resolution, as in Kafka.
func computeTransferring(st *stickyState, plan Plan) map[TopicPartition]string {
	added := make(map[TopicPartition]string)
	revoked := make(map[TopicPartition]bool)
	for _, m := range st.g.members {
		owned := make(map[TopicPartition]bool, len(m.Owned))
		for _, tp := range m.Owned {
			owned[tp] = true
		}
		assigned := make(map[TopicPartition]bool, len(plan[m.ID]))
		for _, tp := range plan[m.ID] {
			assigned[tp] = true
			if !owned[tp] {
				added[tp] = m.ID
			}
		}
		for _, tp := range m.Owned {
			if !assigned[tp] {
				revoked[tp] = true
			}
		}
	}
	transferring := make(map[TopicPartition]string)
	for tp, owner := range added {
		if revoked[tp] {
			transferring[tp] = owner
		}
	}
	return transferring
}
