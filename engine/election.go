package engine

import (
	"fmt"
	"slices"
)

// ElectionType is kafka-leader-election's --election-type.
type ElectionType string

// The election types Kafka supports.
const (
	ElectionPreferred ElectionType = "PREFERRED"
	ElectionUnclean   ElectionType = "UNCLEAN"
)

// ElectionResult is the outcome of an election for one partition.
type ElectionResult struct {
	TopicPartition
	Elected        bool   // a new leader was elected
	AlreadyElected bool   // "Valid replica already elected"
	Err            string // why no election was possible
}

// ElectLeaders is the ElectLeaders admin request. PREFERRED moves leadership to the first
// replica when it is usable and in the ISR. UNCLEAN elects a leader for partitions that have
// none, taking the first usable replica even if it is out of sync, whatever the topic config
// says: it is an operator's explicit choice to lose data rather than stay offline. parts nil
// means every partition.
func (s *Sim) ElectLeaders(typ ElectionType, parts []TopicPartition) ([]ElectionResult, error) {
	if typ != ElectionPreferred && typ != ElectionUnclean {
		return nil, cmdErr(fmt.Sprintf("Unknown election type %s (PREFERRED or UNCLEAN)", typ))
	}
	for _, tp := range parts {
		if s.partition(tp.Topic, tp.Partition) == nil {
			return nil, cmdErr(fmt.Sprintf("Partition %s does not exist", tpName(tp.Topic, tp.Partition)))
		}
	}
	if err := s.needController(); err != nil {
		return nil, err
	}
	var out []ElectionResult
	s.eachPartition(func(t *topic, p *partition) {
		if parts != nil && !slices.Contains(parts, TopicPartition{p.topic, p.id}) {
			return
		}
		res := ElectionResult{TopicPartition: TopicPartition{p.topic, p.id}}
		switch typ {
		case ElectionPreferred:
			pref := p.replicas[0]
			switch {
			case p.leader == pref:
				res.AlreadyElected = true
			case !slices.Contains(p.isr, pref) || !s.usable(pref):
				res.Err = fmt.Sprintf("org.apache.kafka.common.errors.PreferredLeaderNotAvailableException: Failed to elect leader for partition %s under strategy PreferredReplicaPartitionLeaderElectionStrategy", p.name())
			default:
				s.changePartition(t, p, pref, p.isr, "preferred leader election (kafka-leader-election)")
				res.Elected = true
			}
		case ElectionUnclean:
			if p.leader >= 0 {
				res.AlreadyElected = true
				break
			}
			// An ISR member if one is usable (then nothing is lost), else any usable replica.
			leader := int32(-1)
			for _, inISR := range []bool{true, false} {
				for _, r := range p.replicas {
					if leader < 0 && s.usable(r) && (!inISR || slices.Contains(p.isr, r)) {
						leader = r
					}
				}
			}
			if leader < 0 {
				res.Err = fmt.Sprintf("org.apache.kafka.common.errors.EligibleLeadersNotAvailableException: Failed to elect leader for partition %s under strategy UncleanLeaderElectionStrategy", p.name())
				break
			}
			isr := p.isr
			if !slices.Contains(isr, leader) {
				isr = []int32{leader}
			}
			s.forceLeader(t, p, leader, isr)
			res.Elected = true
		}
		out = append(out, res)
	})
	s.observe()
	return out, nil
}

// forceLeader commits an unclean election chosen by an operator.
func (s *Sim) forceLeader(t *topic, p *partition, leader int32, isr []int32) {
	oldLeader, oldISR := p.leader, p.isr
	unclean := !slices.Contains(oldISR, leader)
	p.isr = slices.Clone(isr)
	p.partitionEpoch++
	p.leader = leader
	p.leaderEpoch++
	s.propagate(p)
	s.describeChange(p, oldLeader, oldISR, unclean, "unclean leader election (kafka-leader-election)")
	if unclean {
		p.unclean++
	}
	s.detectLoss(p, fmt.Sprintf("broker %d became leader at epoch %d by an unclean election", leader, p.leaderEpoch))
}
