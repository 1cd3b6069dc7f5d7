package engine

import "fmt"

// Violation is a broken invariant: a bug in the simulation, never a legitimate Kafka outcome.
type Violation struct {
	Invariant string
	Tick      int64
	Detail    string
}

func (v Violation) String() string {
	return fmt.Sprintf("invariant %s violated at tick %d: %s", v.Invariant, v.Tick, v.Detail)
}

// InvariantChecker checks the named invariants below. Some need memory across steps (which
// broker led which epoch, the last HW), so the checker is a value that lives as long as a run.
//
// It is also incremental: the checks that look at records remember how far they have verified
// each log (see logMark) and look only at what is new, so that checking after every tick costs
// about as much as the tick itself rather than growing with every record ever written.
type InvariantChecker struct {
	leaders map[epochKey]int32
	parts   map[partKey]*partState
}

type epochKey struct {
	topicID string
	part    int32
	epoch   int32
}

type partKey struct {
	topicID string
	part    int32
}

// partState is what the checker remembers about one partition.
type partState struct {
	// maxHW is the highest high watermark any replica of the partition has held, leader,
	// follower or zombie: nothing a consumer read or a group committed can be above it.
	maxHW      int64
	lastLeader int32 // the leader and epoch seen last time, so the epoch map is only
	lastEpoch  int32 // written when they change
	reps       []repState
	acked      ackMark
	order      producerOrder
}

// repState is what the checker remembers about one replica.
type repState struct {
	broker    int32
	seen      bool
	hwEpoch   int32
	hw        int64
	wasLeader bool
	logStart  int64
	ordered   logMark   // how far OffsetsStrictlyIncrease has verified this log
	named     logMark   // how far RecordsHaveIDs has verified it
	agreed    agreeMark // how far ReplicasAgreeBelowHighWatermark has compared it with its leader
}

// NewInvariantChecker returns a checker with no history.
func NewInvariantChecker() *InvariantChecker {
	return &InvariantChecker{leaders: map[epochKey]int32{}, parts: map[partKey]*partState{}}
}

// state returns the checker's memory of p, creating it on first sight.
func (c *InvariantChecker) state(t *topic, p *partition) *partState {
	k := partKey{t.id, p.id}
	ps := c.parts[k]
	if ps == nil {
		ps = &partState{maxHW: -1, lastLeader: -2, lastEpoch: -1, acked: ackMark{leader: -1}}
		c.parts[k] = ps
	}
	if len(ps.reps) != len(p.reps) {
		ps.reps = make([]repState, len(p.reps))
	}
	for i, r := range p.reps {
		if ps.reps[i].broker != r.broker {
			ps.reps[i] = repState{broker: r.broker}
		}
	}
	return ps
}

// stateByName finds the checker's memory of a partition named by topic name, as groups and
// consumers name them; nil when the partition does not exist or was never checked.
func (c *InvariantChecker) stateByName(s *Sim, topicName string, part int32) *partState {
	t := s.topics[topicName]
	if t == nil {
		return nil
	}
	return c.parts[partKey{t.id, part}]
}

// invariant is one named check over one partition.
type invariant struct {
	name  string
	check func(c *InvariantChecker, s *Sim, t *topic, p *partition, ps *partState) string
}

// Invariants lists the names of the checked invariants, in the order they run.
func Invariants() []string {
	names := make([]string, 0, len(invariants)+len(groupInvariants)+len(consumerInvariants))
	for _, inv := range invariants {
		names = append(names, inv.name)
	}
	for _, inv := range groupInvariants {
		names = append(names, inv.name)
	}
	for _, inv := range consumerInvariants {
		names = append(names, inv.name)
	}
	return names
}

var invariants = []invariant{
	{"IsrNeverEmpty", isrNeverEmpty},
	{"LeaderIsInIsr", leaderIsInIsr},
	{"OneLeaderPerEpoch", oneLeaderPerEpoch},
	{"HighWatermarkWithinIsrLogs", highWatermarkWithinIsrLogs},
	{"HighWatermarkMonotonicPerEpoch", highWatermarkMonotonicPerEpoch},
	{"ReplicasAgreeBelowHighWatermark", replicasAgreeBelowHighWatermark},
	{"LogStartOffsetNeverDecreases", logStartOffsetNeverDecreases},
	{"OffsetsStrictlyIncrease", offsetsStrictlyIncrease},
	{"RecordsHaveIDs", recordsHaveIDs},
	{"NoAcknowledgedAcksAllRecordLost", noAcknowledgedAcksAllRecordLost},
	{"AcknowledgedRecordsKeepProducerOrder", acknowledgedRecordsKeepProducerOrder},
}

// groupInvariant is one named check over one consumer group.
type groupInvariant struct {
	name  string
	check func(c *InvariantChecker, s *Sim, g *group) string
}

var groupInvariants = []groupInvariant{
	{"GenerationNeverSharesAPartition", generationNeverSharesAPartition},
	{"CommittedOffsetWithinHighWatermark", committedOffsetWithinHighWatermark},
}

// consumerInvariant is one named check over one consumer.
type consumerInvariant struct {
	name  string
	check func(c *InvariantChecker, s *Sim, cs *Consumer) string
}

var consumerInvariants = []consumerInvariant{
	{"ConsumersReadBelowHighWatermark", consumersReadBelowHighWatermark},
}

// Check runs every invariant over every partition, group and consumer and returns what it
// found, in order. Partitions come first: the group and consumer checks compare with the
// highest high watermark each partition has reached, including this tick's.
func (c *InvariantChecker) Check(s *Sim) []Violation {
	var out []Violation
	s.eachPartition(func(t *topic, p *partition) {
		ps := c.state(t, p)
		for _, r := range p.reps {
			ps.maxHW = max(ps.maxHW, r.hw)
		}
		for _, inv := range invariants {
			if d := inv.check(c, s, t, p, ps); d != "" {
				out = append(out, Violation{Invariant: inv.name, Tick: s.now, Detail: p.name() + ": " + d})
			}
		}
	})
	for _, g := range s.groups {
		for _, inv := range groupInvariants {
			if d := inv.check(c, s, g); d != "" {
				out = append(out, Violation{Invariant: inv.name, Tick: s.now, Detail: "group " + g.id + ": " + d})
			}
		}
	}
	for _, cs := range s.consumers {
		for _, inv := range consumerInvariants {
			if d := inv.check(c, s, cs); d != "" {
				out = append(out, Violation{Invariant: inv.name, Tick: s.now, Detail: "consumer " + cs.name + ": " + d})
			}
		}
	}
	return out
}
