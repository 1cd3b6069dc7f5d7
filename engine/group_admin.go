package engine

import (
	"fmt"
	"strconv"
)

// GroupMemberStable says whether a subscribed consumer has finished joining and holds its
// assignment for the current generation.
func (s *Sim) GroupMemberStable(name string) bool {
	c := s.Consumer(name)
	return c != nil && c.grp != nil && c.grp.state == memberStable
}

// ResetGroupOffsets is kafka-consumer-groups --reset-offsets --execute: it writes new committed
// offsets for an inactive group. Kafka refuses while the group has members, because they would
// overwrite the reset with their next commit. A group that does not exist yet counts as Dead, so
// the reset creates it with these offsets, which is how offsets are set up before a new
// application first starts. Records the group reads again after a reset are a deliberate
// replay, so they are not reported as at-least-once duplicates.
func (s *Sim) ResetGroupOffsets(groupID string, offsets map[TopicPartition]int64) error {
	if groupID == "" {
		return cmdErr("The group id must not be empty")
	}
	g := s.groupByID(groupID)
	if g != nil && g.state != GroupEmpty && g.state != GroupDead {
		return cmdErr(fmt.Sprintf("Error: Assignments can only be reset if the group '%s' is inactive, but the current state is %s.", groupID, g.state))
	}
	if err := s.ensureOffsetsTopic(); err != nil {
		return err
	}
	coord := s.coordinatorOf(groupID)
	if coord < 0 {
		return cmdErr("org.apache.kafka.common.errors.CoordinatorNotAvailableException: The coordinator is not available.")
	}
	p := s.partition(OffsetsTopic, CoordinatorPartition(groupID))
	lr := p.replicaOn(coord)
	if !lr.isLeader() || lr.progress == nil {
		return cmdErr("org.apache.kafka.common.errors.NotCoordinatorException: This is not the correct coordinator.")
	}
	if g == nil {
		g = s.getOrCreateGroup(groupID)
		g.coordinator, g.coordEpoch = coord, p.leaderEpoch
	}
	s.appendOffsets(g, p, lr, offsets)
	for tp, off := range offsets {
		if g.processed[tp] > off {
			g.processed[tp] = off
		}
	}
	s.emit(EventOffsetsCommitted, fmt.Sprintf("group %s: offsets reset by an administrator to %s", groupID, describeOffsets(offsets)), onGroup(groupID))
	s.observe()
	return nil
}

// SetProducerRate makes a producer send perSec records a second to topic on its own, cycling
// through keys (or with null keys when keys is empty). A rate of 0 stops it. Values are
// "<producer>-<n>" so every record can be told apart in the logs.
func (s *Sim) SetProducerRate(name, topic string, perSec int, keys []string) error {
	p := s.Producer(name)
	if p == nil {
		return cmdErr(fmt.Sprintf("Producer %s does not exist", name))
	}
	if perSec < 0 || perSec > 100000 {
		return cmdErr("The rate must be between 0 and 100000 records a second")
	}
	if s.topics[topic] == nil && perSec > 0 {
		return unknownTopic(topic)
	}
	p.rateTopic, p.ratePerSec, p.rateKeys = topic, perSec, append([]string(nil), keys...)
	s.observe()
	return nil
}

// rateTick sends what a rate-driven producer owes for this tick.
func (s *Sim) rateTick(p *Producer) {
	if p.ratePerSec <= 0 || s.topics[p.rateTopic] == nil {
		return
	}
	p.rateCredit += int64(p.ratePerSec) * s.cfg.TickMs
	for p.rateCredit >= 1000 {
		p.rateCredit -= 1000
		p.rateSent++
		req := SendRequest{Topic: p.rateTopic, Partition: -1, NullKey: true, Value: p.name + "-" + strconv.FormatInt(p.rateSent, 10)}
		if n := len(p.rateKeys); n > 0 {
			req.Key, req.NullKey = p.rateKeys[int(p.rateSent-1)%n], false
		}
		if _, err := s.Send(p.name, req); err != nil {
			return
		}
	}
}
