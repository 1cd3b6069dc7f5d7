// Package assign holds Kafka's client-side partition assignors: range,
// roundrobin, sticky and cooperative-sticky, the strategies a consumer
// group's leader runs in the classic protocol to split the partitions of the
// subscribed topics among the members (kafka-semantics.md §2.1–2.4).
//
// Why it looks the way it does:
//   - Each assignor is a pure function from the members (as the leader sees
//     them in the JoinGroup response) and the partition counts to a Plan. The
//     group coordinator in the engine calls them; lessons and tests call them
//     directly. The package imports only the standard library and never the
//     engine, so the engine can import it.
//   - Results must match what a real Kafka 4.x leader would compute, because
//     learners compare the simulator with a real cluster and with Kafka's
//     documentation. Every function therefore follows the Java algorithm
//     step by step, including the places where Java's String ordering and
//     HashMap iteration order decide the outcome (see java.go).
//   - Go map iteration order never reaches a result: inputs are sorted or
//     walked in an order derived from the input slice, and every Plan lists
//     every member, even those that get nothing.
//
// Inputs are normalised the way a Java client would present them: a member
// id that appears twice keeps its first entry (Kafka keys members by id), a
// member's topics are a set (the Java consumer stores its subscription in a
// HashSet), and a topic is assignable only if it is in the partitions map
// with at least one partition and some member subscribes to it (the leader
// skips topics without metadata).
package assign

import (
	"slices"
	"strconv"
	"strings"
)

// TopicPartition names one partition.
type TopicPartition struct {
	Topic     string
	Partition int32
}

// String returns Kafka's TopicPartition.toString form, "topic-3".
func (tp TopicPartition) String() string {
	return tp.Topic + "-" + strconv.FormatInt(int64(tp.Partition), 10)
}

// Member is one group member as the group leader sees it in JoinGroup
// metadata.
//
// Owned and Generation matter only to the sticky assignors. Generation is
// the generation in which the member was given its Owned partitions; a
// member that has never been assigned anything reports -1 (Kafka's
// DEFAULT_GENERATION). Note that the zero value means generation 0.
type Member struct {
	ID         string           // member.id, e.g. "consumer1-<uuid>"
	InstanceID string           // group.instance.id for static members, "" for dynamic
	Topics     []string         // subscription
	Owned      []TopicPartition // owned partitions reported in the subscription (sticky/cooperative)
	Generation int32            // generation of the owned partitions (-1 unknown)
}

// Plan maps member ID to its assigned partitions, in the order the assignor
// produced them. The order is part of Kafka's observable behaviour (it is the
// order in the SyncGroup assignment and in Kafka's own tests), so it is kept
// rather than sorted.
type Plan map[string][]TopicPartition

// String renders the plan as stable text, one line per member with members
// sorted by id and partitions in plan order:
//
//	C0: [t0-0 t0-1 t1-0 t1-1]
//	C1: [t0-2 t1-2]
//
// This is the one textual form that goldens, lessons and the UI use for an
// assignment, so that what a test checks is what a learner reads.
func (p Plan) String() string {
	ids := make([]string, 0, len(p))
	for id := range p {
		ids = append(ids, id)
	}
	slices.SortFunc(ids, javaCompare)
	var sb strings.Builder
	for _, id := range ids {
		sb.WriteString(id)
		sb.WriteString(": [")
		for i, tp := range p[id] {
			if i > 0 {
				sb.WriteByte(' ')
			}
			sb.WriteString(tp.String())
		}
		sb.WriteString("]\n")
	}
	return sb.String()
}

// ByName returns the assignor registered under Kafka's protocol name:
// "range", "roundrobin", "sticky" or "cooperative-sticky" (the names in
// partition.assignment.strategy and in kafka-consumer-groups.sh output).
// For "cooperative-sticky" the returned function gives the plan without the
// withheld set; call CooperativeSticky directly to get both.
func ByName(name string) (func([]Member, map[string]int32) Plan, bool) {
	switch name {
	case "range":
		return Range, true
	case "roundrobin":
		return RoundRobin, true
	case "sticky":
		return Sticky, true
	case "cooperative-sticky":
		return func(members []Member, partitions map[string]int32) Plan {
			plan, _ := CooperativeSticky(members, partitions)
			return plan
		}, true
	}
	return nil, false
}

// group is the normalised input shared by all assignors.
type group struct {
	members []*member            // input order, first occurrence of each id
	counts  map[string]int32     // assignable topics → partition count
	topics  []string             // assignable topics, Java String order
	byID    map[string]*member   // member id → member
	subs    map[string][]*member // topic → subscribed members, input order
}

type member struct {
	Member
	topics  []string            // deduplicated subscription, input order
	topicOK map[string]struct{} // the same as a set
}

func (m *member) subscribes(topic string) bool {
	_, ok := m.topicOK[topic]
	return ok
}

// newGroup normalises the input (see the package comment).
func newGroup(members []Member, partitions map[string]int32) *group {
	g := &group{
		counts: make(map[string]int32),
		byID:   make(map[string]*member, len(members)),
		subs:   make(map[string][]*member),
	}
	for _, in := range members {
		if _, dup := g.byID[in.ID]; dup {
			continue
		}
		m := &member{Member: in, topicOK: make(map[string]struct{}, len(in.Topics))}
		for _, t := range in.Topics {
			if _, dup := m.topicOK[t]; dup {
				continue
			}
			m.topicOK[t] = struct{}{}
			m.topics = append(m.topics, t)
			if n, ok := partitions[t]; ok && n > 0 {
				if _, seen := g.counts[t]; !seen {
					g.counts[t] = n
					g.topics = append(g.topics, t)
				}
				g.subs[t] = append(g.subs[t], m)
			}
		}
		g.members = append(g.members, m)
		g.byID[in.ID] = m
	}
	slices.SortFunc(g.topics, javaCompare)
	return g
}

// emptyPlan returns a plan with an empty, non-nil slice for every member.
func (g *group) emptyPlan() Plan {
	p := make(Plan, len(g.members))
	for _, m := range g.members {
		p[m.ID] = []TopicPartition{}
	}
	return p
}

// totalPartitions is the number of assignable partitions.
func (g *group) totalPartitions() int {
	n := 0
	for _, c := range g.counts {
		n += int(c)
	}
	return n
}

// validPartition reports whether tp names an existing, assignable partition.
func (g *group) validPartition(tp TopicPartition) bool {
	n, ok := g.counts[tp.Topic]
	return ok && tp.Partition >= 0 && tp.Partition < n
}

// memberLess is AbstractPartitionAssignor.MemberInfo.compareTo: static
// members (with a group.instance.id) first, ordered by instance id, then
// dynamic members ordered by member id, both with Java's String.compareTo.
// Ordering by instance id is what lets a static member that restarts with a
// new member id get its old partitions back. Equal instance ids (which the
// coordinator never lets happen) fall back to the member id so the order is
// total.
func memberLess(a, b *member) bool {
	as, bs := a.InstanceID != "", b.InstanceID != ""
	switch {
	case as && bs:
		if c := javaCompare(a.InstanceID, b.InstanceID); c != 0 {
			return c < 0
		}
		return javaLess(a.ID, b.ID)
	case as:
		return true
	case bs:
		return false
	}
	return javaLess(a.ID, b.ID)
}

func sortMembers(ms []*member) {
	slices.SortStableFunc(ms, func(a, b *member) int {
		switch {
		case memberLess(a, b):
			return -1
		case memberLess(b, a):
			return 1
		}
		return 0
	})
}

// compareTopicPartition orders by topic (Java String order), then partition.
func compareTopicPartition(a, b TopicPartition) int {
	if c := javaCompare(a.Topic, b.Topic); c != 0 {
		return c
	}
	switch {
	case a.Partition < b.Partition:
		return -1
	case a.Partition > b.Partition:
		return 1
	}
	return 0
}
