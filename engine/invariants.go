package engine

import (
	"fmt"
	"slices"
	"strings"
)

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
type InvariantChecker struct {
	leaders  map[epochKey]int32
	hws      map[replicaKey]hwMark
	logStart map[replicaKey]int64
	maxHW    map[TopicPartition]int64 // the highest HW each partition's leader ever reached
}

type epochKey struct {
	topicID string
	part    int32
	epoch   int32
}

type replicaKey struct {
	topicID string
	part    int32
	broker  int32
}

type hwMark struct {
	epoch int32
	hw    int64
}

// NewInvariantChecker returns a checker with no history.
func NewInvariantChecker() *InvariantChecker {
	return &InvariantChecker{leaders: map[epochKey]int32{}, hws: map[replicaKey]hwMark{}, logStart: map[replicaKey]int64{},
		maxHW: map[TopicPartition]int64{}}
}

// invariant is one named check over one partition.
type invariant struct {
	name  string
	check func(c *InvariantChecker, s *Sim, t *topic, p *partition) string
}

// Invariants lists the names of the checked invariants, in the order they run.
func Invariants() []string {
	names := make([]string, 0, len(invariants)+len(groupInvariants))
	for _, inv := range invariants {
		names = append(names, inv.name)
	}
	for _, inv := range groupInvariants {
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
	{"NoAcknowledgedAcksAllRecordLost", noAcknowledgedAcksAllRecordLost},
}

// Check runs every invariant over every partition and returns what it found, in order.
func (c *InvariantChecker) Check(s *Sim) []Violation {
	var out []Violation
	s.eachPartition(func(t *topic, p *partition) {
		if p.leader >= 0 {
			tp := TopicPartition{p.topic, p.id}
			c.maxHW[tp] = max(c.maxHW[tp], p.replicaOn(p.leader).hw)
		}
		for _, inv := range invariants {
			if d := inv.check(c, s, t, p); d != "" {
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
	return out
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
// records read below the high watermark, so a committed offset never exceeds the highest HW the
// partition reached. (The current leader's HW can briefly lag after a failover, as a follower's
// does, so the comparison is with the highest one seen.) Unclean elections and retention are
// exempt: they can legitimately take the log out from under a commit.
func committedOffsetWithinHighWatermark(c *InvariantChecker, s *Sim, g *group) string {
	for tp, off := range g.committed {
		p := s.partition(tp.Topic, tp.Partition)
		if p == nil || p.unclean > 0 {
			continue
		}
		if hw, ok := c.maxHW[tp]; ok && off > hw {
			return fmt.Sprintf("committed offset %d of %s is above its high watermark %d", off, tp, hw)
		}
	}
	return ""
}

// isrNeverEmpty: the controller removes a failed broker from an ISR only when another member
// remains (Kafka without ELR), so the last replica standing keeps its place and the partition
// reports Leader: none instead of losing track of who holds the committed data.
func isrNeverEmpty(_ *InvariantChecker, _ *Sim, _ *topic, p *partition) string {
	if len(p.isr) == 0 {
		return "the ISR is empty"
	}
	return ""
}

// leaderIsInIsr: a clean election picks from the ISR and an unclean one resets the ISR to the
// new leader, and a leader never removes itself, so the leader is always in the ISR.
func leaderIsInIsr(_ *InvariantChecker, _ *Sim, _ *topic, p *partition) string {
	if p.leader >= 0 && !slices.Contains(p.isr, p.leader) {
		return fmt.Sprintf("leader %d is not in ISR %s", p.leader, fmtIDs(p.isr))
	}
	return ""
}

// oneLeaderPerEpoch: the controller bumps the leader epoch on every leader change, so an epoch
// names one leader forever; and a broker only believes it leads at the epoch the controller gave
// it, so no two running brokers can believe they lead at the same epoch.
func oneLeaderPerEpoch(c *InvariantChecker, s *Sim, t *topic, p *partition) string {
	if p.leader >= 0 {
		k := epochKey{t.id, p.id, p.leaderEpoch}
		if prev, ok := c.leaders[k]; ok && prev != p.leader {
			return fmt.Sprintf("epoch %d was led by broker %d and now by broker %d", p.leaderEpoch, prev, p.leader)
		}
		c.leaders[k] = p.leader
	}
	seen := map[int32]int32{}
	for _, r := range p.reps {
		if !r.isLeader() || !s.broker(r.broker).up() {
			continue
		}
		if other, ok := seen[r.knownEpoch]; ok {
			return fmt.Sprintf("brokers %d and %d both believe they lead at epoch %d", other, r.broker, r.knownEpoch)
		}
		seen[r.knownEpoch] = r.broker
	}
	return ""
}

// highWatermarkWithinIsrLogs: the leader moves its HW only to the lowest LEO its ISR members
// reported, followers never lose records below the HW while in the ISR, and a new leader comes
// from the ISR, so every ISR member's log reaches the leader's HW.
func highWatermarkWithinIsrLogs(_ *InvariantChecker, _ *Sim, _ *topic, p *partition) string {
	if p.leader < 0 {
		return ""
	}
	hw := p.replicaOn(p.leader).hw
	for _, id := range p.isr {
		if r := p.replicaOn(id); r.log.endOffset < hw {
			return fmt.Sprintf("high watermark %d is above ISR member %d's log end offset %d", hw, id, r.log.endOffset)
		}
	}
	return ""
}

// highWatermarkMonotonicPerEpoch: maybeAdvanceHW only ever raises the leader's HW, so while one
// broker leads at one epoch its HW never goes down.
func highWatermarkMonotonicPerEpoch(c *InvariantChecker, _ *Sim, t *topic, p *partition) string {
	if p.leader < 0 {
		return ""
	}
	r := p.replicaOn(p.leader)
	if !r.isLeader() {
		return ""
	}
	k := replicaKey{t.id, p.id, p.leader}
	prev, ok := c.hws[k]
	c.hws[k] = hwMark{r.knownEpoch, r.hw}
	if ok && prev.epoch == r.knownEpoch && r.hw < prev.hw {
		return fmt.Sprintf("leader %d's high watermark went back from %d to %d within epoch %d", p.leader, prev.hw, r.hw, r.knownEpoch)
	}
	return ""
}

// replicasAgreeBelowHighWatermark: records below the HW were copied from the leader by every ISR
// member, and leader-epoch truncation only ever cuts above what the ISR shares, so every ISR
// member holds exactly the leader's records below the HW.
func replicasAgreeBelowHighWatermark(_ *InvariantChecker, _ *Sim, t *topic, p *partition) string {
	if p.leader < 0 {
		return ""
	}
	lr := p.replicaOn(p.leader)
	if isCompacted(t) {
		return compactedReplicasAgree(p, lr)
	}
	for _, id := range p.isr {
		r := p.replicaOn(id)
		if r == lr {
			continue
		}
		from := max(lr.log.startOffset, r.log.startOffset)
		a := lr.log.read(from, lr.hw, 0)
		b := r.log.read(from, lr.hw, 0)
		if len(a) != len(b) {
			return fmt.Sprintf("below high watermark %d leader %d has %d record(s) and ISR member %d has %d", lr.hw, p.leader, len(a), id, len(b))
		}
		for i := range a {
			if a[i].Offset != b[i].Offset || a[i].ID != b[i].ID {
				return fmt.Sprintf("leader %d and ISR member %d disagree at offset %d, below high watermark %d", p.leader, id, a[i].Offset, lr.hw)
			}
		}
	}
	return ""
}

func isCompacted(t *topic) bool { return strings.Contains(topicValue(t, "cleanup.policy"), "compact") }

// compactedReplicasAgree: on a compacted topic each broker's cleaner runs on its own schedule,
// so replicas may hold different subsets below the HW; but an offset both hold must be the
// same record, because compaction only removes records and never rewrites an offset.
func compactedReplicasAgree(p *partition, lr *replica) string {
	for _, id := range p.isr {
		r := p.replicaOn(id)
		if r == lr {
			continue
		}
		a, b := lr.log.read(0, lr.hw, 0), r.log.read(0, lr.hw, 0)
		for i, j := 0, 0; i < len(a) && j < len(b); {
			switch {
			case a[i].Offset < b[j].Offset:
				i++
			case a[i].Offset > b[j].Offset:
				j++
			default:
				if a[i].ID != b[j].ID {
					return fmt.Sprintf("leader %d and ISR member %d hold different records at offset %d", p.leader, id, a[i].Offset)
				}
				i++
				j++
			}
		}
	}
	return ""
}

// offsetsStrictlyIncrease: appends take the LEO, truncation and retention cut whole ends, and
// compaction only removes records, so every log's offsets rise strictly and stay within
// [log start, LEO).
func offsetsStrictlyIncrease(_ *InvariantChecker, _ *Sim, _ *topic, p *partition) string {
	for _, r := range p.reps {
		prev := r.log.startOffset - 1
		for _, rec := range r.log.records {
			if rec.Offset <= prev || rec.Offset >= r.log.endOffset {
				return fmt.Sprintf("broker %d's log has offset %d after %d (log start %d, LEO %d)", r.broker, rec.Offset, prev, r.log.startOffset, r.log.endOffset)
			}
			prev = rec.Offset
		}
	}
	return ""
}

// logStartOffsetNeverDecreases: retention and DeleteRecords only move the log start forward,
// and truncation cuts the end of a log, never its start.
func logStartOffsetNeverDecreases(c *InvariantChecker, _ *Sim, t *topic, p *partition) string {
	for _, r := range p.reps {
		k := replicaKey{t.id, p.id, r.broker}
		if prev, ok := c.logStart[k]; ok && r.log.startOffset < prev {
			return fmt.Sprintf("broker %d's log start offset went back from %d to %d", r.broker, prev, r.log.startOffset)
		}
		c.logStart[k] = r.log.startOffset
	}
	return ""
}

// noAcknowledgedAcksAllRecordLost: an acks=all record is acknowledged only once the HW passes
// it, so every ISR member holds it; clean elections pick an ISR member and truncation never cuts
// below the HW; so while no unclean election has happened the leader still holds it. Retention
// and compaction may remove it on purpose: below the log start, or below any replica's cleaner
// checkpoint on a compacted topic (followers copy the leader's compacted log, gaps included).
func noAcknowledgedAcksAllRecordLost(_ *InvariantChecker, _ *Sim, t *topic, p *partition) string {
	if p.leader < 0 || p.unclean > 0 {
		return ""
	}
	lr := p.replicaOn(p.leader)
	cleaned := int64(-1)
	if isCompacted(t) {
		cleaned = p.compactedBelow()
	}
	for _, a := range p.acked {
		if a.acks != -1 || a.offset < lr.log.startOffset || a.offset < cleaned {
			continue
		}
		if rec, ok := lr.log.recordAt(a.offset); !ok || rec.ID != a.id {
			return fmt.Sprintf("acknowledged acks=all record %d at offset %d is missing from leader %d", a.id, a.offset, p.leader)
		}
	}
	return ""
}
