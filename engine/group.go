package engine

import (
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/kafka-playground/playground/engine/kafkahash"
)

// GroupState is a classic-protocol consumer group's state (Kafka's ClassicGroupState).
type GroupState uint8

// The group states, with Kafka's names.
const (
	GroupEmpty GroupState = iota
	GroupPreparingRebalance
	GroupCompletingRebalance
	GroupStable
	GroupDead
)

func (g GroupState) String() string {
	return [...]string{"Empty", "PreparingRebalance", "CompletingRebalance", "Stable", "Dead"}[g]
}

// MarshalText makes group states appear by name in JSON.
func (g GroupState) MarshalText() ([]byte, error) { return []byte(g.String()), nil }

// OffsetsTopic is Kafka's internal topic for committed offsets.
const OffsetsTopic = "__consumer_offsets"

// offsetsTopicPartitions is offsets.topic.num.partitions.
const offsetsTopicPartitions = 50

// group is the coordinator's view of one consumer group. The coordinator is the leader of the
// __consumer_offsets partition the group id hashes to; group metadata is modelled as replicated
// with it (so members survive a coordinator move), and committed offsets are records in that
// partition, read back from the new leader's log when the coordinator moves.
type group struct {
	id         string
	state      GroupState
	generation int32
	protocol   string // the assignor chosen for this generation
	leader     string // member id of the group leader
	members    []*member
	committed  map[TopicPartition]int64
	// rebalance bookkeeping
	joinDeadline int64 // rebalance timeout: members that have not rejoined by then are removed
	initialDelay int64 // group.initial.rebalance.delay.ms for a group that was Empty
	syncAt       int64 // when the leader's SyncGroup arrives (CompletingRebalance -> Stable)
	pending      map[string][]TopicPartition
	coordEpoch   int32 // leader epoch of the offsets partition the group state was loaded at
	coordinator  int32
	processed    map[TopicPartition]int64 // highest offset+1 any member has processed, to name duplicates
}

// member is one member as the coordinator knows it.
type member struct {
	id, clientID       string
	topics             []string
	strategies         []string
	owned              []TopicPartition // reported at JoinGroup (cooperative protocol)
	ownedGeneration    int32            // the generation the member owned them in, -1 for none
	assignment         []TopicPartition
	joined             bool // has (re)joined the current rebalance
	lastHeartbeat      int64
	sessionTimeoutTick int64
	rebalanceTimeout   int64
}

func (g *group) clone() *group {
	c := *g
	c.members = make([]*member, len(g.members))
	for i, m := range g.members {
		mm := *m
		mm.topics = slices.Clone(m.topics)
		mm.strategies = slices.Clone(m.strategies)
		mm.owned = slices.Clone(m.owned)
		mm.assignment = slices.Clone(m.assignment)
		c.members[i] = &mm
	}
	c.committed = maps.Clone(g.committed)
	c.processed = maps.Clone(g.processed)
	c.pending = make(map[string][]TopicPartition, len(g.pending))
	for k, v := range g.pending {
		c.pending[k] = slices.Clone(v)
	}
	return &c
}

func (g *group) member(id string) *member {
	for _, m := range g.members {
		if m.id == id {
			return m
		}
	}
	return nil
}

// CoordinatorPartition is the __consumer_offsets partition whose leader coordinates groupID:
// abs(groupID.hashCode()) % 50, with Java's String.hashCode.
func CoordinatorPartition(groupID string) int32 {
	return int32(kafkahash.CoordinatorPartition(groupID, offsetsTopicPartitions))
}

// ensureOffsetsTopic creates __consumer_offsets on first use, as the first FindCoordinator
// does in Kafka: 50 partitions, compacted. Its replication factor is
// offsets.topic.replication.factor (3) capped at the number of brokers, so that a one-broker
// playground can use groups (Kafka would refuse until enough brokers exist).
func (s *Sim) ensureOffsetsTopic() error {
	if _, ok := s.topics[OffsetsTopic]; ok {
		return nil
	}
	rf := min(3, len(s.unfencedBrokers()))
	if rf == 0 {
		return cmdErr("org.apache.kafka.common.errors.CoordinatorNotAvailableException: The coordinator is not available.")
	}
	return s.CreateTopic(CreateTopicRequest{Name: OffsetsTopic, Partitions: offsetsTopicPartitions, ReplicationFactor: rf,
		Configs: map[string]string{"cleanup.policy": "compact", "segment.bytes": "104857600"}})
}

// coordinatorOf returns the broker coordinating g, or -1 when the offsets partition has no
// leader or the leader's broker is down.
func (s *Sim) coordinatorOf(groupID string) int32 {
	p := s.partition(OffsetsTopic, CoordinatorPartition(groupID))
	if p == nil || p.leader < 0 || !s.broker(p.leader).up() {
		return -1
	}
	return p.leader
}

func (s *Sim) groupByID(id string) *group {
	i := sort.Search(len(s.groups), func(i int) bool { return s.groups[i].id >= id })
	if i < len(s.groups) && s.groups[i].id == id {
		return s.groups[i]
	}
	return nil
}

func (s *Sim) getOrCreateGroup(id string) *group {
	if g := s.groupByID(id); g != nil {
		return g
	}
	g := &group{id: id, committed: map[TopicPartition]int64{}, processed: map[TopicPartition]int64{},
		pending: map[string][]TopicPartition{}, coordinator: -1, coordEpoch: -1}
	i := sort.Search(len(s.groups), func(i int) bool { return s.groups[i].id >= id })
	s.groups = slices.Insert(s.groups, i, g)
	return g
}

func (s *Sim) emitGroup(g *group, kind EventKind, msg string, opts ...eventOpt) {
	s.emit(kind, "group "+g.id+": "+msg, append(opts, onGroup(g.id))...)
}

// offsetKey is the key of an offset commit record in __consumer_offsets. Kafka's is a binary
// (group, topic, partition) struct; the playground shows it as text so learners can read it.
func offsetKey(group string, tp TopicPartition) string {
	return group + "," + tp.Topic + "," + strconv.Itoa(int(tp.Partition))
}

// groupTick runs every coordinator: loading groups whose coordinator moved, expiring sessions,
// completing joins and syncs.
func (s *Sim) groupTick() {
	for _, g := range s.groups {
		s.coordinatorTick(g)
	}
}

func (s *Sim) coordinatorTick(g *group) {
	coord := s.coordinatorOf(g.id)
	if coord < 0 {
		if g.coordinator >= 0 {
			why := "partition " + tpName(OffsetsTopic, CoordinatorPartition(g.id)) + " has no leader"
			if p := s.partition(OffsetsTopic, CoordinatorPartition(g.id)); p != nil && p.leader >= 0 {
				why = fmt.Sprintf("broker %d, the leader of %s, is down", p.leader, tpName(OffsetsTopic, p.id))
			}
			g.coordinator = -1
			s.emitGroup(g, EventGroupCoordinatorMoved, "its coordinator is unavailable ("+why+"); members cannot heartbeat or commit")
		}
		return
	}
	p := s.partition(OffsetsTopic, CoordinatorPartition(g.id))
	if g.coordEpoch != p.leaderEpoch || g.coordinator != coord {
		s.loadGroup(g, p, coord)
	}
	// Session expiry (session.timeout.ms): members whose heartbeats stopped are removed.
	for _, m := range slices.Clone(g.members) {
		if s.now-m.lastHeartbeat > m.sessionTimeoutTick {
			s.removeMember(g, m, fmt.Sprintf("member %s (%s) was removed: no heartbeat for %d ms (session.timeout.ms)",
				m.id, m.clientID, s.cfg.TicksToMs(s.now-m.lastHeartbeat)))
		}
	}
	switch g.state {
	case GroupPreparingRebalance:
		allJoined := true
		for _, m := range g.members {
			allJoined = allJoined && m.joined
		}
		if s.now < g.initialDelay || !allJoined && s.now < g.joinDeadline {
			return
		}
		for _, m := range slices.Clone(g.members) {
			if !m.joined {
				s.removeMember(g, m, fmt.Sprintf("member %s (%s) did not rejoin within the rebalance timeout and was removed", m.id, m.clientID))
			}
		}
		s.completeJoin(g)
	case GroupCompletingRebalance:
		if s.now >= g.syncAt {
			s.completeSync(g)
		}
	}
}

// loadGroup is a new coordinator taking over: it reads the committed offsets back from its own
// copy of the offsets partition (commits it does not have are gone) and gives every member a
// fresh session.
func (s *Sim) loadGroup(g *group, p *partition, coord int32) {
	moved := g.coordinator >= 0 || g.coordEpoch >= 0
	g.coordEpoch, g.coordinator = p.leaderEpoch, coord
	committed := map[TopicPartition]int64{}
	prefix := g.id + ","
	for _, r := range p.replicaOn(coord).log.records {
		if !strings.HasPrefix(r.Key, prefix) {
			continue
		}
		// The key is group,topic,partition; the group id may itself contain commas, topic names
		// cannot, so the last two fields are the topic and the partition.
		rest := strings.TrimPrefix(r.Key, prefix)
		topicName, partText, ok := strings.Cut(rest, ",")
		pid, err1 := strconv.Atoi(partText)
		if !ok || err1 != nil || strings.Contains(topicName, ",") {
			continue
		}
		tp := TopicPartition{topicName, int32(pid)}
		if r.NullValue {
			delete(committed, tp)
			continue
		}
		off, err2 := strconv.ParseInt(r.Value, 10, 64)
		if err2 != nil {
			continue
		}
		committed[tp] = off
	}
	g.committed = committed
	for _, m := range g.members {
		m.lastHeartbeat = s.now
	}
	if moved {
		s.emitGroup(g, EventGroupCoordinatorMoved, fmt.Sprintf("broker %d is now its coordinator (leader of %s) and loaded %d committed offset(s) from its log",
			coord, tpName(OffsetsTopic, p.id), len(committed)), onBroker(coord))
	}
}

// prepareRebalance moves the group to PreparingRebalance: every member must rejoin.
func (s *Sim) prepareRebalance(g *group, why string) {
	wasEmpty := g.state == GroupEmpty
	if g.state != GroupPreparingRebalance {
		rt := int64(0)
		for _, m := range g.members {
			rt = max(rt, m.rebalanceTimeout)
			m.joined = false
		}
		g.joinDeadline = s.now + rt
		g.state = GroupPreparingRebalance
		if wasEmpty {
			// group.initial.rebalance.delay.ms: give other members of a new group a moment to join.
			g.initialDelay = s.now + s.cfg.GroupInitialRebalanceDelayTicks
		}
		s.emitGroup(g, EventGroupRebalance, "rebalance started ("+why+"); state PreparingRebalance")
	}
}

func (s *Sim) removeMember(g *group, m *member, why string) {
	g.members = slices.DeleteFunc(g.members, func(x *member) bool { return x == m })
	s.emitGroup(g, EventGroupMemberLeft, why, byClient(m.clientID))
	if len(g.members) == 0 {
		// The join phase completes at once with nobody in it (GroupMetadata.initNextGeneration):
		// the generation still moves on, and the group has no protocol until someone joins.
		g.generation++
		g.state, g.leader, g.protocol = GroupEmpty, "", ""
		clear(g.pending)
		s.emitGroup(g, EventGroupRebalance, fmt.Sprintf("no members left; generation %d is Empty", g.generation))
		return
	}
	if g.leader == m.id {
		g.leader = ""
	}
	s.prepareRebalance(g, "member "+m.clientID+" left")
}

// completeJoin ends the join phase: a new generation, the protocol every member supports, the
// leader, and the leader's assignment (the assignor runs on the leader, a client).
func (s *Sim) completeJoin(g *group) {
	if len(g.members) == 0 {
		g.state = GroupEmpty
		return
	}
	g.generation++
	if g.leader == "" || g.member(g.leader) == nil {
		g.leader = g.members[0].id
	}
	g.protocol = chooseProtocol(g)
	g.pending = s.runAssignor(g)
	g.state = GroupCompletingRebalance
	g.syncAt = s.now + s.cfg.NetworkLatencyTicks
	s.emitGroup(g, EventGroupRebalance, fmt.Sprintf("generation %d formed with %d member(s), leader %s, assignor %s; state CompletingRebalance",
		g.generation, len(g.members), g.memberClient(g.leader), g.protocol))
}

func (g *group) memberClient(id string) string {
	if m := g.member(id); m != nil {
		return m.clientID
	}
	return id
}

// completeSync is the leader's SyncGroup arriving: every member gets its assignment.
func (s *Sim) completeSync(g *group) {
	g.state = GroupStable
	var parts []string
	for _, m := range sortedMembers(g) {
		m.assignment = g.pending[m.id]
		parts = append(parts, fmt.Sprintf("%s=%s", m.clientID, fmtTPs(m.assignment)))
	}
	s.emitGroup(g, EventGroupStable, fmt.Sprintf("generation %d is Stable: %s", g.generation, strings.Join(parts, " ")))
}

func sortedMembers(g *group) []*member {
	ms := slices.Clone(g.members)
	sort.Slice(ms, func(i, j int) bool { return ms[i].id < ms[j].id })
	return ms
}

// chooseProtocol is the coordinator's protocol vote (GroupMetadata.selectProtocol): among the
// assignors every member supports, each member votes for the first one in its own preference
// list, and the most votes win. Kafka breaks a tie by hash order; here the leader's preference
// breaks it, so the outcome never depends on map order. Kafka refuses a member that shares no
// assignor with the group (INCONSISTENT_GROUP_PROTOCOL); the playground lets it in and uses the
// leader's first choice.
func chooseProtocol(g *group) string {
	lead := g.member(g.leader)
	var candidates []string
	for _, p := range lead.strategies {
		all := true
		for _, m := range g.members {
			all = all && slices.Contains(m.strategies, p)
		}
		if all {
			candidates = append(candidates, p)
		}
	}
	if len(candidates) == 0 {
		return lead.strategies[0]
	}
	votes := make([]int, len(candidates))
	for _, m := range g.members {
		for _, p := range m.strategies {
			if i := slices.Index(candidates, p); i >= 0 {
				votes[i]++
				break
			}
		}
	}
	best := 0
	for i := range candidates {
		if votes[i] > votes[best] {
			best = i
		}
	}
	return candidates[best]
}

func fmtTPs(tps []TopicPartition) string {
	if len(tps) == 0 {
		return "[]"
	}
	parts := make([]string, len(tps))
	for i, tp := range tps {
		parts[i] = tpName(tp.Topic, tp.Partition)
	}
	return "[" + strings.Join(parts, " ") + "]"
}

// dropGroupOffsets forgets a deleted topic's committed offsets, as Kafka's coordinator does, and
// writes tombstones for them so that a coordinator that loads the group later does not bring
// them back. Otherwise a topic created again under the same name would start at old offsets.
func (s *Sim) dropGroupOffsets(g *group, topic string) {
	gone := map[TopicPartition]int64{}
	for tp := range g.committed {
		if tp.Topic == topic {
			gone[tp] = -1
			delete(g.committed, tp)
		}
	}
	for tp := range g.processed {
		if tp.Topic == topic {
			delete(g.processed, tp)
		}
	}
	coord := s.coordinatorOf(g.id)
	if len(gone) == 0 || coord < 0 {
		return
	}
	p := s.partition(OffsetsTopic, CoordinatorPartition(g.id))
	lr := p.replicaOn(coord)
	if !lr.isLeader() || lr.progress == nil {
		return
	}
	keys := make([]TopicPartition, 0, len(gone))
	for tp := range gone {
		keys = append(keys, tp)
	}
	sortTPs(keys)
	for _, tp := range keys {
		s.ids++
		lr.log.appendRecord(Record{Offset: lr.log.endOffset, LeaderEpoch: lr.knownEpoch, Key: offsetKey(g.id, tp), NullValue: true,
			Timestamp: s.cfg.StartTimeMs + s.NowMs(), ID: s.ids, ProducerID: -1, Sequence: -1})
	}
	lr.progress[p.replicaIndex(lr.broker)].leo = lr.log.endOffset
	s.maybeAdvanceHW(p, lr)
}
