package model

import (
	"sort"
	"strings"

	"github.com/kafka-playground/playground/engine"
)

// Metrics are the few numbers an operator watches first, named after Kafka's own JMX metrics
// (UnderReplicatedPartitions, OfflinePartitionsCount, UnderMinIsrPartitionCount, IsrShrinksPerSec,
// IsrExpandsPerSec, FailedProduceRequestsPerSec) and the consumer lag per group.
//
// The partition counts (UnderReplicated, Offline, UnderMinISR, LostRecords, Leaders) cover only
// the topics a learner made: internal topics (__consumer_offsets) are left out. Its fifty
// partitions would swamp a three-partition lesson topic, and a learner cannot act on them.
type Metrics struct {
	UnderReplicated int // partitions whose ISR is smaller than their replica set
	Offline         int // partitions without a leader
	UnderMinISR     int // partitions where acks=all produce fails (ISR < min.insync.replicas)
	IsrShrinks      int64
	IsrExpands      int64
	// FailedProduce and Produced add up the producers that are still open: a producer that is
	// stopped or killed takes its counts with it, as a real client's metrics do. The event log's
	// ProduceFailed count keeps the session's history.
	FailedProduce int64 // records whose send failed
	Produced      int64 // records acknowledged
	LostRecords   int   // acknowledged records that no replica has any more
	Groups        []GroupLag
	Leaders       int // partitions that have a leader
}

// GroupLag is one consumer group's line in the metrics panel.
type GroupLag struct {
	Group      string
	State      string // Kafka's group state: Empty, PreparingRebalance, CompletingRebalance, Stable, Dead
	Lag        int64  // summed over its partitions; see groupLag
	Members    int
	Generation int32
}

// ComputeMetrics reads the metrics off a view. The ISR shrink and expand counts are not in a
// view (it is a picture of one moment) and come from the event log: EventLog.KindCount.
func ComputeMetrics(v engine.View, shrinks, expands int64) Metrics {
	m := Metrics{IsrShrinks: shrinks, IsrExpands: expands, Groups: []GroupLag{}}
	for _, t := range v.Topics {
		if isInternalTopic(t.Name) {
			continue
		}
		for _, p := range t.Partitions {
			m.UnderReplicated += btoi(p.UnderReplicated)
			m.Offline += btoi(p.Offline)
			m.UnderMinISR += btoi(p.UnderMinISR)
			m.Leaders += btoi(p.Leader >= 0)
			m.LostRecords += p.LostRecords
		}
	}
	for _, p := range v.Producers {
		m.FailedProduce += int64(p.Stats.Failed)
		m.Produced += int64(p.Stats.Acked)
	}
	for _, g := range v.Groups {
		m.Groups = append(m.Groups, GroupLag{Group: g.GroupID, State: g.State.String(), Lag: groupLag(g),
			Members: len(g.Members), Generation: g.Generation})
	}
	sort.Slice(m.Groups, func(i, j int) bool { return m.Groups[i].Group < m.Groups[j].Group })
	return m
}

// groupLag sums the lag of a group's partitions the way kafka-consumer-groups.sh computes it:
// high watermark minus committed offset. A partition with nothing committed yet counts from its
// owner's position instead, so a new group that has read nothing does not show zero lag; one
// with neither (no leader, no owner) adds nothing, as the tool prints "-" for it.
func groupLag(g engine.GroupView) int64 {
	var lag int64
	for _, o := range g.Offsets {
		switch {
		case o.Lag >= 0:
			lag += o.Lag
		case o.LogEndOffset >= 0 && o.Position >= 0:
			lag += max(0, o.LogEndOffset-o.Position)
		}
	}
	return lag
}

// isInternalTopic matches the engine's own test (DescribeView): Kafka reserves names starting
// with "__" for its internal topics.
func isInternalTopic(name string) bool { return strings.HasPrefix(name, "__") }

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
