package engine

import (
	"fmt"
	"slices"
)

// The invariants of consumer groups and consumers: who holds which partition, and that nothing
// is read or committed beyond what was committed to the log.

// generationNeverSharesAPartition: the leader's assignor gives each partition to one member,
// and a member only takes partitions from a SyncGroup of its own generation (eager members
// revoke everything before rejoining; cooperative ones get a moved partition only in the round
// after its old owner gave it up), so no two members of one generation hold the same partition.
func generationNeverSharesAPartition(_ *InvariantChecker, s *Sim, g *group) string {
	owner := map[TopicPartition]string{}
	for _, m := range g.members {
		for _, tp := range m.assignment {
			if o, ok := owner[tp]; ok {
				return fmt.Sprintf("members %s and %s are both assigned %s in generation %d", o, m.id, tp, g.generation)
			}
			owner[tp] = m.id
		}
	}
	held := map[TopicPartition]string{}
	for _, c := range s.consumers {
		// A member the coordinator has already removed keeps its partitions until its next
		// heartbeat tells it so (a zombie, as in Kafka); it is not part of this generation.
		if c.grp == nil || c.grp.groupID != g.id || c.grp.state != memberStable ||
			c.grp.generation != g.generation || g.member(c.grp.memberID) == nil {
			continue
		}
		for _, cp := range c.parts {
			tp := TopicPartition{cp.topic, cp.partition}
			if o, ok := held[tp]; ok {
				return fmt.Sprintf("consumers %s and %s both hold %s", o, c.name, tp)
			}
			held[tp] = c.name
		}
	}
	return ""
}

// committedOffsetWithinHighWatermark: members commit positions, and positions only move past
// records read below a high watermark, so a committed offset never exceeds the highest HW the
// partition reached on any replica. (The highest one, because the current leader's HW can lag
// after a failover, as a follower's does, and an isolated leader that does not yet know it was
// replaced serves reads below its own.) Unclean elections and retention cannot break it: they
// lower or cut logs, never the highest HW reached.
func committedOffsetWithinHighWatermark(c *InvariantChecker, s *Sim, g *group) string {
	var bad []TopicPartition
	for tp, off := range g.committed {
		if ps := c.stateByName(s, tp.Topic, tp.Partition); ps != nil && off > ps.maxHW {
			bad = append(bad, tp)
		}
	}
	if len(bad) == 0 {
		return ""
	}
	tp := slices.MinFunc(bad, TopicPartition.Compare) // map order must not choose the message
	return fmt.Sprintf("committed offset %d of %s is above its highest high watermark %d",
		g.committed[tp], tp, c.stateByName(s, tp.Topic, tp.Partition).maxHW)
}

// consumersReadBelowHighWatermark: a leader answers a consumer's fetch only with records below
// its high watermark (the records every ISR member has), so a group consumer's position and
// the next offset it will fetch never pass the highest HW the partition reached. A group
// consumer starts from a committed offset, or from the log start or the HW, and moves only by
// reading. Consumers with manually assigned partitions are exempt: an application may seek to
// any offset, and the fetch then waits for the log to get there.
func consumersReadBelowHighWatermark(c *InvariantChecker, s *Sim, cs *Consumer) string {
	if cs.grp == nil {
		return ""
	}
	for _, cp := range cs.parts {
		ps := c.stateByName(s, cp.topic, cp.partition)
		if ps == nil {
			continue
		}
		if read := max(cp.position, cp.fetchOffset); read > ps.maxHW {
			return fmt.Sprintf("it has read %s up to offset %d, above its highest high watermark %d",
				tpName(cp.topic, cp.partition), read, ps.maxHW)
		}
	}
	return ""
}
