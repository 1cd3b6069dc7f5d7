package assign

import (
	"maps"
	"slices"
)

// generalAssign is Kafka's GeneralAssignmentBuilder (rack-unaware), used
// when members subscribe to different topics, so there is no simple quota.
//
//  1. Every member keeps the owned partitions it still subscribes to.
//  2. The other partitions are handed out one at a time, topics with the
//     fewest possible consumers first, each to the member with the fewest
//     partitions that subscribes to its topic (ties by member id).
//  3. While some member has at least two partitions more than another member
//     that could take one of them, partitions are moved: back to their
//     previous owner (from an older generation) if that helps, otherwise to
//     the least loaded eligible member. Before moving a partition of topic T
//     from A to B, Kafka checks whether an earlier step moved another
//     partition of T from B to A; if so it moves that one back instead, so
//     that no two members swap partitions of the same topic ("cycles" in
//     PartitionMovements).
//
// Suppose C1 and C3 subscribe to topic1 (three partitions) and C2 to topic1
// and topic2 (two partitions). topic2 can only go to C2, so it goes first;
// then topic1 fills C1, C3 and C1 again:
//
//	C1: [topic1-0 topic1-2]
//	C2: [topic2-0 topic2-1]
//	C3: [topic1-1]
//
// Deviations from Kafka, both for states a healthy group does not reach:
// a partition is not moved back to a previous owner that no longer
// subscribes to its topic (Kafka would assign it to a non-subscriber) or
// whose assignment is fixed (Kafka would fail with a NullPointerException).
func generalAssign(st *stickyState) Plan {
	b := &generalBuilder{
		st:        st,
		g:         st.g,
		current:   make(map[string][]TopicPartition, len(st.g.members)),
		owner:     make(map[TopicPartition]string),
		prev:      make(map[TopicPartition]prevOwner),
		maxSize:   make(map[string]int, len(st.g.members)),
		movements: newPartitionMovements(),
	}
	return b.build()
}

type prevOwner struct {
	id         string
	generation int32
}

type generalBuilder struct {
	st *stickyState
	g  *group
	// current is currentAssignment for the members that take part in
	// balancing; fixed holds the others while balancing runs.
	current map[string][]TopicPartition
	fixed   map[string][]TopicPartition
	// owner is currentPartitionConsumer.
	owner map[TopicPartition]string
	// prev is prevAssignment: for partitions reported by members of an
	// older generation, the newest such owner.
	prev map[TopicPartition]prevOwner
	// maxSize is the number of partitions a member could hold at most.
	maxSize            map[string]int
	movements          *partitionMovements
	revocationRequired bool
}

func (b *generalBuilder) build() Plan {
	g := b.g
	for _, m := range g.members {
		b.current[m.ID] = slices.Clone(b.st.owned[m.ID])
		for _, tp := range b.current[m.ID] {
			b.owner[tp] = m.ID
		}
		for _, t := range m.topics {
			b.maxSize[m.ID] += int(g.counts[t]) // zero for topics that do not exist
		}
	}

	// Topics that fewer members can take come first, so they are not
	// crowded out by topics everyone could take.
	sortedTopics := slices.Clone(g.topics)
	slices.SortStableFunc(sortedTopics, func(a, c string) int {
		if d := len(g.subs[a]) - len(g.subs[c]); d != 0 {
			return d
		}
		return javaCompare(a, c)
	})
	var sortedAll []TopicPartition
	for _, t := range sortedTopics {
		for p := int32(0); p < g.counts[t]; p++ {
			sortedAll = append(sortedAll, TopicPartition{t, p})
		}
	}

	// prepopulateCurrentAssignments: remember owners from older generations
	// so that balancing can prefer giving a partition back to them.
	for _, m := range b.st.order {
		if m.Generation >= b.st.maxGeneration {
			continue
		}
		for _, tp := range m.Owned {
			if p, ok := b.prev[tp]; !ok || m.Generation > p.generation {
				b.prev[tp] = prevOwner{m.ID, m.Generation}
			}
		}
	}

	// assignOwnedPartitions: drop owned partitions of topics the member no
	// longer subscribes to.
	assigned := make(map[TopicPartition]bool)
	for _, m := range g.members {
		kept := b.current[m.ID][:0]
		for _, tp := range b.current[m.ID] {
			if !m.subscribes(tp.Topic) {
				b.revocationRequired = true
				continue
			}
			kept = append(kept, tp)
			assigned[tp] = true
		}
		b.current[m.ID] = kept
	}
	var unassigned []TopicPartition
	for _, tp := range sortedAll {
		if !assigned[tp] {
			unassigned = append(unassigned, tp)
		}
	}

	b.balance(sortedAll, unassigned)

	plan := make(Plan, len(g.members))
	for _, m := range g.members {
		if list, ok := b.current[m.ID]; ok {
			plan[m.ID] = list
		} else {
			plan[m.ID] = b.fixed[m.ID]
		}
		if plan[m.ID] == nil {
			plan[m.ID] = []TopicPartition{}
		}
	}
	return plan
}

// sorted is Kafka's sortedCurrentSubscriptions: the balancing members by
// number of partitions, then member id.
func (b *generalBuilder) sorted() []string {
	ids := make([]string, 0, len(b.current))
	for id := range b.current {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, func(x, y string) int {
		if d := len(b.current[x]) - len(b.current[y]); d != 0 {
			return d
		}
		return javaCompare(x, y)
	})
	return ids
}

func (b *generalBuilder) balance(sortedAll, unassigned []TopicPartition) {
	ids := b.sorted()
	initializing := len(ids) == 0 || len(b.current[ids[len(ids)-1]]) == 0

	// maybeAssign: each unassigned partition to the least loaded member
	// that subscribes to its topic.
	for _, tp := range unassigned {
		for _, id := range b.sorted() {
			if b.g.byID[id].subscribes(tp.Topic) {
				b.current[id] = append(b.current[id], tp)
				b.owner[tp] = id
				break
			}
		}
	}

	// Only topics with two or more possible consumers can move.
	movable := func(tp TopicPartition) bool { return len(b.g.subs[tp.Topic]) >= 2 }
	sortedAll = slices.DeleteFunc(slices.Clone(sortedAll), func(tp TopicPartition) bool { return !movable(tp) })
	unassigned = slices.DeleteFunc(slices.Clone(unassigned), func(tp TopicPartition) bool { return !movable(tp) })

	// Members that already hold everything they could, all of it from
	// topics nobody else can take, sit out.
	b.fixed = make(map[string][]TopicPartition)
	for _, m := range b.g.members {
		if !b.canParticipate(m.ID) {
			b.fixed[m.ID] = b.current[m.ID]
			delete(b.current, m.ID)
		}
	}

	preBalance := make(map[string][]TopicPartition, len(b.current))
	for id, list := range b.current {
		preBalance[id] = slices.Clone(list)
	}
	preOwner := maps.Clone(b.owner)

	// If nothing had to be revoked for subscription changes, first try to
	// balance by moving only the partitions that were just handed out.
	if !b.revocationRequired {
		b.performReassignments(unassigned)
	}
	performed := b.performReassignments(sortedAll)

	// Kafka keeps the old assignment unless the moves improved the balance
	// score. Every move goes from a member to one with at least two fewer
	// partitions, which always lowers the score, so this is a safety net.
	if !initializing && performed && balanceScore(b.current) >= balanceScore(preBalance) {
		b.current = preBalance
		b.owner = preOwner
	}
	for id, list := range b.fixed {
		b.current[id] = list
	}
	b.fixed = nil
}

func (b *generalBuilder) canParticipate(id string) bool {
	if len(b.current[id]) < b.maxSize[id] {
		return true
	}
	for _, tp := range b.current[id] {
		if len(b.g.subs[tp.Topic]) >= 2 {
			return true
		}
	}
	return false
}

// isBalanced is true when partition counts differ by at most one, or when no
// member could take a partition from a member with two or more partitions
// more than it has.
func (b *generalBuilder) isBalanced() bool {
	ids := b.sorted()
	if len(ids) == 0 {
		return true
	}
	if len(b.current[ids[0]]) >= len(b.current[ids[len(ids)-1]])-1 {
		return true
	}
	holder := make(map[TopicPartition]string)
	for id, list := range b.current {
		for _, tp := range list {
			holder[tp] = id
		}
	}
	for _, id := range ids {
		n := len(b.current[id])
		if n == b.maxSize[id] {
			continue
		}
		for _, t := range b.g.byID[id].topics {
			for p := int32(0); p < b.g.counts[t]; p++ {
				other, ok := holder[TopicPartition{t, p}]
				if ok && other != id && len(b.current[other]) > n+1 {
					return false
				}
			}
		}
	}
	return true
}

// performReassignments repeats passes over partitions, moving one whenever
// its holder has at least two more partitions than another member that
// could take it, until a pass changes nothing or the plan is balanced.
//
// Kafka's loop has no bound. Nearly every move lowers the balance score,
// but a move redirected by partitionToMove need not, so termination is not
// obvious; the pass limit below is a safety net so that the simulator can
// never hang. It has not been reached in any test, fuzz run or comparison
// with Kafka's own code.
func (b *generalBuilder) performReassignments(partitions []TopicPartition) bool {
	performed := false
	maxPasses := 4 * (len(partitions) + 1) * (len(b.current) + 1)
	for pass := 0; pass < maxPasses; pass++ {
		modified := false
		for _, tp := range partitions {
			if b.isBalanced() {
				break
			}
			holder := b.owner[tp]
			n := len(b.current[holder])
			if p, ok := b.prev[tp]; ok && b.prevUsable(p.id, tp) && n > len(b.current[p.id])+1 {
				b.reassign(tp, p.id)
				performed, modified = true, true
				continue
			}
			for _, other := range b.g.subs[tp.Topic] {
				list, ok := b.current[other.ID]
				if ok && n > len(list)+1 {
					b.reassignToLeastLoaded(tp)
					performed, modified = true, true
					break
				}
			}
		}
		if !modified {
			break
		}
	}
	return performed
}

// prevUsable guards the move back to a previous owner (see the deviations
// in generalAssign's comment).
func (b *generalBuilder) prevUsable(id string, tp TopicPartition) bool {
	_, balancing := b.current[id]
	return balancing && b.g.byID[id].subscribes(tp.Topic)
}

func (b *generalBuilder) reassignToLeastLoaded(tp TopicPartition) {
	for _, id := range b.sorted() {
		if b.g.byID[id].subscribes(tp.Topic) {
			b.reassign(tp, id)
			return
		}
	}
}

func (b *generalBuilder) reassign(tp TopicPartition, to string) {
	moved := b.movements.partitionToMove(tp, b.owner[tp], to)
	from := b.owner[moved]
	b.movements.move(moved, from, to)
	b.current[from] = removeFirst(b.current[from], moved)
	b.current[to] = append(b.current[to], moved)
	b.owner[moved] = to
}

// balanceScore is the sum over all pairs of members of the difference in
// partition counts; 0 is perfectly balanced.
func balanceScore(assignment map[string][]TopicPartition) int {
	sizes := make([]int, 0, len(assignment))
	for _, list := range assignment {
		sizes = append(sizes, len(list))
	}
	score := 0
	for i := range sizes {
		for j := i + 1; j < len(sizes); j++ {
			d := sizes[i] - sizes[j]
			if d < 0 {
				d = -d
			}
			score += d
		}
	}
	return score
}

// consumerPair is a move of a partition from src to dst.
type consumerPair struct{ src, dst string }

// partitionMovements is Kafka's PartitionMovements: for every partition
// moved during balancing, its original and current owner, indexed by topic
// and pair so that a move of topic T from A to B can find a partition of T
// that earlier went from B to A. Which one it finds is the first element of
// a java.util.HashSet, so the sets are emulated in Java order.
type partitionMovements struct {
	byTopic map[string]map[consumerPair]*javaHashTable[TopicPartition]
	moves   map[TopicPartition]consumerPair
}

func newPartitionMovements() *partitionMovements {
	return &partitionMovements{
		byTopic: make(map[string]map[consumerPair]*javaHashTable[TopicPartition]),
		moves:   make(map[TopicPartition]consumerPair),
	}
}

func (pm *partitionMovements) removeRecord(tp TopicPartition) consumerPair {
	pair := pm.moves[tp]
	delete(pm.moves, tp)
	forTopic := pm.byTopic[tp.Topic]
	set := forTopic[pair]
	set.remove(tp)
	if set.size == 0 {
		delete(forTopic, pair)
	}
	if len(forTopic) == 0 {
		delete(pm.byTopic, tp.Topic)
	}
	return pair
}

func (pm *partitionMovements) addRecord(tp TopicPartition, pair consumerPair) {
	pm.moves[tp] = pair
	forTopic := pm.byTopic[tp.Topic]
	if forTopic == nil {
		forTopic = make(map[consumerPair]*javaHashTable[TopicPartition])
		pm.byTopic[tp.Topic] = forTopic
	}
	set := forTopic[pair]
	if set == nil {
		set = newJavaHashTable(javaTopicPartitionHash)
		forTopic[pair] = set
	}
	set.add(tp)
}

// move records that tp went from old to new. A partition that returns to
// where it started leaves no record.
func (pm *partitionMovements) move(tp TopicPartition, old, new string) {
	if existing, ok := pm.moves[tp]; ok {
		pm.removeRecord(tp)
		if existing.src != new {
			pm.addRecord(tp, consumerPair{existing.src, new})
		}
		return
	}
	pm.addRecord(tp, consumerPair{old, new})
}

// partitionToMove is getTheActualPartitionToBeMoved.
func (pm *partitionMovements) partitionToMove(tp TopicPartition, old, new string) TopicPartition {
	forTopic, ok := pm.byTopic[tp.Topic]
	if !ok {
		return tp
	}
	if m, ok := pm.moves[tp]; ok {
		old = m.src
	}
	set, ok := forTopic[consumerPair{new, old}]
	if !ok {
		return tp
	}
	first, _ := set.first()
	return first
}
