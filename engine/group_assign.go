package engine

import (
	"slices"

	"github.com/kafka-playground/playground/engine/assign"
)

// runAssignor runs the group protocol's assignor on the leader with every member's
// subscription and owned partitions.
func (s *Sim) runAssignor(g *group) map[string][]TopicPartition {
	topics := map[string]int32{}
	var ms []assign.Member
	for _, m := range g.members {
		// Each member reports the generation it owned its partitions in, so the assignor can
		// settle two members claiming one partition by the newer generation.
		am := assign.Member{ID: m.id, Topics: slices.Clone(m.topics), Generation: m.ownedGeneration}
		for _, tp := range m.owned {
			am.Owned = append(am.Owned, assign.TopicPartition{Topic: tp.Topic, Partition: tp.Partition})
		}
		for _, t := range m.topics {
			if tp := s.topics[t]; tp != nil {
				topics[t] = int32(len(tp.partitions))
			}
		}
		ms = append(ms, am)
	}
	var plan assign.Plan
	if g.protocol == "cooperative-sticky" {
		plan, _ = assign.CooperativeSticky(ms, topics)
	} else {
		f, _ := assign.ByName(g.protocol)
		plan = f(ms, topics)
	}
	out := map[string][]TopicPartition{}
	for _, m := range g.members {
		var tps []TopicPartition
		for _, tp := range plan[m.id] {
			tps = append(tps, TopicPartition{tp.Topic, tp.Partition})
		}
		out[m.id] = tps
	}
	return out
}
