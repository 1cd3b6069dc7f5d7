package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// memberState is where a group consumer is in the classic protocol, on the client side.
type memberState uint8

const (
	memberUnjoined memberState = iota
	memberJoining
	memberStable
)

// groupClient is the group part of a subscribed consumer (KafkaConsumer.subscribe).
type groupClient struct {
	groupID         string
	topics          []string
	strategies      []string
	memberID        string
	generation      int32
	state           memberState
	autoCommit      bool
	autoCommitTicks int64
	lastAutoCommit  int64
	sessionTicks    int64
	heartbeatTicks  int64
	maxPollTicks    int64
	lastHeartbeat   int64
	lastPoll        int64
	autoPoll        bool // the application calls poll() in a loop
	slow            bool // the application is stuck processing and does not call poll()
	// kicked: the consumer is out of the group (its heartbeat thread left after
	// max.poll.interval.ms, or the coordinator no longer knows its member id). The application
	// still holds its partitions and positions until its next poll(), which gives them up as
	// lost (onPartitionsLost) and rejoins; a commit before that fails with CommitFailedException.
	kicked bool
	// rejoin: the heartbeat thread learned of a rebalance (REBALANCE_IN_PROGRESS), or a
	// cooperative assignment revoked partitions. Only poll() rejoins, so an application that is
	// stuck holds the rebalance up until the rebalance timeout.
	rejoin      bool
	cooperative bool
}

func (gc *groupClient) clone() *groupClient {
	c := *gc
	c.topics = slices.Clone(gc.topics)
	c.strategies = slices.Clone(gc.strategies)
	return &c
}

// GroupConsumerConfig is a subscribed consumer's group settings.
type GroupConsumerConfig struct {
	GroupID          string
	Topics           []string
	Strategies       []string // partition.assignment.strategy, in preference order
	AutoCommit       bool
	AutoCommitTicks  int64
	SessionTicks     int64
	HeartbeatTicks   int64
	MaxPollTicks     int64
	AutoPoll         bool
	ConsumerSettings ConsumerConfig
}

// ParseGroupConsumerConfig reads the group settings from consumer properties, with Kafka's
// defaults: partition.assignment.strategy range,cooperative-sticky; enable.auto.commit true
// every 5000 ms; session.timeout.ms 45000; heartbeat.interval.ms 3000; max.poll.interval.ms 300000.
func (c Config) ParseGroupConsumerConfig(groupID string, topics []string, props map[string]string) (GroupConsumerConfig, error) {
	gc := GroupConsumerConfig{GroupID: groupID, Topics: topics, Strategies: []string{"range", "cooperative-sticky"},
		AutoCommit: true, AutoCommitTicks: c.MsToTicks(5000), SessionTicks: c.MsToTicks(45000),
		HeartbeatTicks: c.MsToTicks(3000), MaxPollTicks: c.MsToTicks(300000), AutoPoll: true}
	if groupID == "" {
		return gc, cmdErr("The group id must not be empty")
	}
	if len(topics) == 0 {
		return gc, cmdErr("A group consumer needs at least one topic")
	}
	rest := map[string]string{}
	ms := c.msProperty
	for _, k := range sortedKeys(props) {
		v := props[k]
		var err error
		switch k {
		case "partition.assignment.strategy":
			gc.Strategies = nil
			for _, s := range strings.Split(v, ",") {
				name, ok := assignorName(strings.TrimSpace(s))
				if !ok {
					return gc, cmdErr(fmt.Sprintf("Invalid value %s for configuration partition.assignment.strategy: use range, roundrobin, sticky or cooperative-sticky (or Kafka's class names)", s))
				}
				gc.Strategies = append(gc.Strategies, name)
			}
		case "enable.auto.commit":
			if v != "true" && v != "false" {
				err = cmdErr(fmt.Sprintf("Invalid value %s for configuration enable.auto.commit: Expected value to be either true or false", v))
			}
			gc.AutoCommit = v == "true"
		case "auto.commit.interval.ms":
			err = ms(k, v, &gc.AutoCommitTicks, 0)
		case "session.timeout.ms":
			err = ms(k, v, &gc.SessionTicks, 6000) // group.min.session.timeout.ms
		case "heartbeat.interval.ms":
			err = ms(k, v, &gc.HeartbeatTicks, 1)
		case "max.poll.interval.ms":
			err = ms(k, v, &gc.MaxPollTicks, 1)
		case "group.id":
		default:
			rest[k] = v
		}
		if err != nil {
			return gc, err
		}
	}
	if gc.HeartbeatTicks >= gc.SessionTicks {
		return gc, cmdErr("heartbeat.interval.ms must be set lower than session.timeout.ms")
	}
	cc, err := c.ParseConsumerConfig(rest)
	if err != nil {
		return gc, err
	}
	gc.ConsumerSettings = cc
	return gc, nil
}

// assignorName accepts the protocol names and Kafka's assignor class names.
func assignorName(s string) (string, bool) {
	switch {
	case s == "range" || strings.HasSuffix(s, ".RangeAssignor"):
		return "range", true
	case s == "roundrobin" || strings.HasSuffix(s, ".RoundRobinAssignor"):
		return "roundrobin", true
	case s == "sticky" || strings.HasSuffix(s, ".StickyAssignor") && !strings.HasSuffix(s, "CooperativeStickyAssignor"):
		return "sticky", true
	case s == "cooperative-sticky" || strings.HasSuffix(s, ".CooperativeStickyAssignor"):
		return "cooperative-sticky", true
	}
	return "", false
}

// AddGroupConsumer creates a consumer that subscribes to topics as a member of a group. Its
// client.id is name and its member id will be name-<uuid>, as in Kafka.
func (s *Sim) AddGroupConsumer(name string, gc GroupConsumerConfig) error {
	if name == "" {
		return cmdErr("A consumer needs a name")
	}
	for _, t := range gc.Topics {
		if s.topics[t] == nil {
			return unknownTopic(t)
		}
	}
	if s.Consumer(name) != nil {
		return cmdErr(fmt.Sprintf("Consumer %s already exists", name))
	}
	if err := s.ensureOffsetsTopic(); err != nil {
		return err
	}
	if err := s.AddConsumer(name, gc.ConsumerSettings); err != nil {
		return err
	}
	c := s.Consumer(name)
	c.grp = &groupClient{groupID: gc.GroupID, topics: slices.Clone(gc.Topics), strategies: slices.Clone(gc.Strategies),
		autoCommit: gc.AutoCommit, autoCommitTicks: gc.AutoCommitTicks, sessionTicks: gc.SessionTicks,
		heartbeatTicks: gc.HeartbeatTicks, maxPollTicks: gc.MaxPollTicks, autoPoll: gc.AutoPoll,
		lastPoll: s.now, lastAutoCommit: s.now, generation: -1}
	s.getOrCreateGroup(gc.GroupID)
	s.emit(EventGroupMemberJoined, fmt.Sprintf("consumer %s started and subscribed to %s in group %s (assignors %s)",
		name, strings.Join(gc.Topics, ","), gc.GroupID, strings.Join(gc.Strategies, ",")), byClient(name), onGroup(gc.GroupID))
	s.observe()
	return nil
}

// KillConsumer crashes a consumer: no LeaveGroup, no commit. The coordinator notices when its
// session times out, and its uncommitted records go to another member (at-least-once).
func (s *Sim) KillConsumer(name string) error {
	if _, err := s.consumerOrErr(name); err != nil {
		return err
	}
	s.emit(EventGroupMemberLeft, fmt.Sprintf("consumer %s crashed without committing or leaving its group", name), byClient(name))
	s.RemoveConsumer(name) // cannot fail: it exists
	s.observe()
	return nil
}

// StopConsumer closes a consumer cleanly: with auto-commit it commits its position, then it
// sends LeaveGroup so the group rebalances at once instead of waiting for the session timeout.
func (s *Sim) StopConsumer(name string) error {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return err
	}
	if gc := c.grp; gc != nil {
		if gc.autoCommit && gc.state == memberStable {
			s.commit(c, c.positions(), "on close")
		}
		s.leaveGroup(c, "it was closed")
	}
	if err := s.RemoveConsumer(name); err != nil {
		return err
	}
	s.emit(EventGroupMemberLeft, fmt.Sprintf("consumer %s was closed", name), byClient(name))
	s.observe()
	return nil
}

// SetConsumerSlow makes a consumer's application stop calling poll() (slow=true), as if stuck
// processing a batch, or resume. A consumer that does not poll for max.poll.interval.ms leaves
// its group.
func (s *Sim) SetConsumerSlow(name string, slow bool) error {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return err
	}
	if c.grp == nil {
		return cmdErr(fmt.Sprintf("Consumer %s is not in a group", name))
	}
	c.grp.slow = slow
	if slow {
		s.emit(EventConsumerSlow, fmt.Sprintf("consumer %s stopped calling poll(); it will leave its group after %d ms (max.poll.interval.ms)",
			name, s.cfg.TicksToMs(c.grp.maxPollTicks)), byClient(name))
	} else {
		s.emit(EventConsumerSlow, fmt.Sprintf("consumer %s calls poll() again", name), byClient(name))
	}
	s.observe()
	return nil
}

// CommitConsumer commits a consumer's current positions (commitSync, or commitAsync).
func (s *Sim) CommitConsumer(name string) error {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return err
	}
	if c.grp == nil {
		return cmdErr(fmt.Sprintf("Consumer %s has no group to commit to (it was not added with --group)", name))
	}
	if errText := s.commit(c, c.positions(), "by the application"); errText != "" {
		return cmdErr(errText)
	}
	s.observe()
	return nil
}

func (c *Consumer) positions() map[TopicPartition]int64 {
	out := map[TopicPartition]int64{}
	for _, cp := range c.parts {
		if cp.position >= 0 {
			out[TopicPartition{cp.topic, cp.partition}] = cp.position
		}
	}
	return out
}

// groupConsumerTick is one tick of a subscribed consumer: its background heartbeat thread
// (KIP-62), then its application's poll() when the application polls on its own.
func (s *Sim) groupConsumerTick(c *Consumer) {
	s.heartbeatThread(c)
	if gc := c.grp; gc.autoPoll && !gc.slow {
		s.pollGroup(c)
	}
}

// heartbeatThread is the consumer's background thread: it heartbeats every
// heartbeat.interval.ms so that the coordinator knows the process is alive, learns from the
// answer that a rebalance has started, and sends LeaveGroup when the application has not called
// poll() for max.poll.interval.ms. It never joins the group itself: joining happens inside poll(),
// so an application that is stuck holds a rebalance up until the rebalance timeout.
func (s *Sim) heartbeatThread(c *Consumer) {
	gc := c.grp
	if gc.state == memberUnjoined {
		return
	}
	if s.now-gc.lastPoll > gc.maxPollTicks {
		s.emit(EventGroupMemberLeft, fmt.Sprintf("consumer %s did not call poll() for %d ms (max.poll.interval.ms); its heartbeat thread leaves the group",
			c.name, s.cfg.TicksToMs(s.now-gc.lastPoll)), byClient(c.name), onGroup(gc.groupID))
		s.leaveGroup(c, "max.poll.interval.ms expired")
		gc.kicked = true
		return
	}
	if s.coordinatorOf(gc.groupID) < 0 || s.now-gc.lastHeartbeat < gc.heartbeatTicks {
		return
	}
	gc.lastHeartbeat = s.now
	g := s.getOrCreateGroup(gc.groupID)
	m := g.member(gc.memberID)
	if m == nil {
		// UNKNOWN_MEMBER_ID: the coordinator removed us (session timeout, or it lost the
		// member while we were away). The partitions are lost; the next poll() rejoins.
		s.emit(EventGroupMemberLeft, fmt.Sprintf("consumer %s learned from its heartbeat that it is no longer a member of group %s; its next poll() gives up its partitions and rejoins",
			c.name, gc.groupID), byClient(c.name), onGroup(gc.groupID))
		gc.memberID, gc.state, gc.generation, gc.kicked = "", memberUnjoined, -1, true
		return
	}
	m.lastHeartbeat = s.now
	if gc.state == memberStable && (g.state == GroupPreparingRebalance || g.generation != gc.generation) {
		gc.rejoin = true // REBALANCE_IN_PROGRESS: rejoin on the next poll()
	}
}

// ensureActiveGroup is the group part of poll() (ConsumerCoordinator.poll): give up partitions
// lost by leaving the group, join, finish joining once the SyncGroup answer is in, and rejoin
// when a rebalance is under way.
func (s *Sim) ensureActiveGroup(c *Consumer) {
	gc := c.grp
	if gc.kicked {
		// onJoinPrepare with no generation: the partitions are lost (onPartitionsLost), not
		// revoked, and nothing is committed for them; the group rebalanced them long ago.
		gc.kicked = false
		s.dropAssignment(c)
	}
	if s.coordinatorOf(gc.groupID) < 0 {
		return
	}
	g := s.getOrCreateGroup(gc.groupID)
	switch gc.state {
	case memberUnjoined:
		s.joinGroup(c, g, nil)
	case memberJoining:
		m := g.member(gc.memberID)
		switch {
		case m == nil:
			gc.state = memberUnjoined // removed while joining: the next poll() joins again
		case g.state == GroupStable && g.generation > gc.generation:
			s.onAssigned(c, g, m)
		case g.state == GroupPreparingRebalance && !m.joined:
			// The join phase started over (a member came or went before the SyncGroup):
			// JoinGroup again, in the same rebalance, so no second onJoinPrepare.
			s.joinGroup(c, g, c.Assignment())
		}
	case memberStable:
		if gc.rejoin {
			s.rejoinGroup(c, g)
		}
	}
}

// rejoinGroup is onJoinPrepare followed by JoinGroup. With auto-commit the consumer first
// commits every position it has (synchronously), whatever the protocol. Then the eager
// protocol revokes everything, while the cooperative one keeps its partitions, goes on
// consuming them during the rebalance and reports them as owned.
func (s *Sim) rejoinGroup(c *Consumer, g *group) {
	gc := c.grp
	gc.rejoin = false
	owned := c.Assignment()
	if gc.autoCommit {
		why := "before rejoining the group; it keeps its partitions meanwhile"
		if !gc.cooperative {
			why = "before revoking its partitions for the rebalance"
		}
		s.commit(c, c.positions(), why)
	}
	if !gc.cooperative {
		// The eager StickyAssignor still learns what each member had, from the
		// subscription's user data (KIP-341), though the member revokes it all now.
		s.dropAssignment(c)
	}
	s.joinGroup(c, g, owned)
}

// joinGroup is JoinGroup: a new member gets its id (client.id-uuid); the group goes to
// PreparingRebalance (or stays there) until every member has rejoined.
func (s *Sim) joinGroup(c *Consumer, g *group, owned []TopicPartition) {
	gc := c.grp
	m := g.member(gc.memberID)
	if m == nil {
		gc.memberID = c.name + "-" + s.newMemberUUID()
		m = &member{id: gc.memberID, clientID: c.name}
		g.members = append(g.members, m)
		s.emitGroup(g, EventGroupMemberJoined, fmt.Sprintf("consumer %s joined as member %s", c.name, m.id), byClient(c.name))
		if g.state == GroupPreparingRebalance && g.initialDelay > s.now {
			// Each new member of a new group extends group.initial.rebalance.delay.ms,
			// bounded by the rebalance timeout (InitialDelayedJoin).
			g.initialDelay = min(s.now+s.cfg.GroupInitialRebalanceDelayTicks, g.joinDeadline)
		}
	}
	m.topics = slices.Clone(gc.topics)
	m.strategies = slices.Clone(gc.strategies)
	m.owned = slices.Clone(owned)
	m.ownedGeneration = gc.generation
	if len(owned) == 0 {
		m.ownedGeneration = -1
	}
	m.sessionTimeoutTick = gc.sessionTicks
	m.rebalanceTimeout = gc.maxPollTicks
	m.lastHeartbeat = s.now
	gc.lastHeartbeat = s.now
	gc.state = memberJoining
	s.prepareRebalance(g, "member "+c.name+" joined")
	m.joined = true
}

// newMemberUUID is the random part of a member id (Uuid.randomUuid in Kafka, standard form).
func (s *Sim) newMemberUUID() string {
	a, b := s.rng.Uint64(), s.rng.Uint64()
	h := fmt.Sprintf("%016x%016x", a, b)
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:32]
}

// onAssigned is the end of SyncGroup on the client (ConsumerCoordinator.onJoinComplete): take
// the new assignment, start every new partition at its committed offset (or auto.offset.reset),
// restart the auto-commit interval, and, under the cooperative protocol, give up partitions that
// moved and rejoin at once for the second round. Kafka commits nothing for revoked partitions
// here: auto-commit ran in onJoinPrepare, before the join, and what was consumed from them since
// is read again by their next owner (commit in onPartitionsRevoked to avoid that).
func (s *Sim) onAssigned(c *Consumer, g *group, m *member) {
	gc := c.grp
	gc.generation = g.generation
	gc.cooperative = g.protocol == "cooperative-sticky"
	gc.state = memberStable
	gc.lastHeartbeat = s.now
	gc.lastAutoCommit = s.now // "reschedule the auto commit starting from now"
	var revoked []TopicPartition
	for _, tp := range c.Assignment() {
		if !slices.Contains(m.assignment, tp) {
			revoked = append(revoked, tp)
		}
	}
	var tps []TopicPartition
	for _, tp := range m.assignment {
		if s.partition(tp.Topic, tp.Partition) != nil {
			tps = append(tps, tp)
		}
	}
	old := c.Assignment()
	c.parts = slices.DeleteFunc(c.parts, func(cp *consumerPart) bool { return !slices.Contains(tps, TopicPartition{cp.topic, cp.partition}) })
	c.buffer = slices.DeleteFunc(c.buffer, func(r ConsumedRecord) bool { return !slices.Contains(tps, TopicPartition{r.Topic, r.Partition}) })
	for _, tp := range tps {
		if slices.Contains(old, tp) {
			continue
		}
		cp := &consumerPart{topic: tp.Topic, partition: tp.Partition, position: -1, fetchOffset: -1}
		if off, ok := g.committed[tp]; ok {
			cp.position, cp.fetchOffset = off, off
		}
		c.parts = append(c.parts, cp)
	}
	slices.SortFunc(c.parts, compareParts)
	what := "no partitions: it is idle (more consumers than partitions)"
	if len(tps) > 0 {
		what = fmtTPs(tps)
	}
	then := ""
	if gc.cooperative && len(revoked) > 0 {
		then = fmt.Sprintf("; it gives up %s and rejoins so they can be assigned", fmtTPs(revoked))
	}
	s.emit(EventGroupAssigned, fmt.Sprintf("consumer %s got %s in generation %d of group %s%s", c.name, what, g.generation, g.id, then),
		byClient(c.name), onGroup(g.id))
	if gc.cooperative && len(revoked) > 0 {
		// KIP-429: partitions withheld this round are assigned in a follow-up rebalance,
		// which this member starts at once (onJoinPrepare runs again, auto-committing).
		s.rejoinGroup(c, g)
	}
}

func (s *Sim) dropAssignment(c *Consumer) {
	c.parts = nil
	c.buffer = nil
}

// leaveGroup is LeaveGroup: the member is removed and the group rebalances at once. The client
// forgets its member id and generation; its application keeps the partitions until its next
// poll() (or close), as Kafka's does.
func (s *Sim) leaveGroup(c *Consumer, why string) {
	gc := c.grp
	g := s.groupByID(gc.groupID)
	if g != nil && s.coordinatorOf(gc.groupID) >= 0 {
		if m := g.member(gc.memberID); m != nil {
			s.removeMember(g, m, fmt.Sprintf("member %s (%s) left the group: %s", m.id, c.name, why))
		}
	}
	gc.memberID, gc.state, gc.generation, gc.rejoin = "", memberUnjoined, -1, false
}

// Kafka's commit errors, as the Java client raises them.
const (
	errCommitKicked  = "org.apache.kafka.clients.consumer.CommitFailedException: Offset commit cannot be completed since the consumer is not part of an active group for auto partition assignment; it is likely that the consumer was kicked out of the group."
	errCommitStale   = "org.apache.kafka.clients.consumer.CommitFailedException: Commit cannot be completed since the group has already rebalanced and assigned the partitions to another member. This means that the time between subsequent calls to poll() was longer than the configured max.poll.interval.ms, which typically implies that the poll loop is spending too much time message processing. You can address this either by increasing max.poll.interval.ms or by reducing the maximum size of batches returned in poll() with max.poll.records."
	errCommitJoining = "org.apache.kafka.common.errors.RebalanceInProgressException: Offset commit cannot be completed since the consumer is undergoing a rebalance for auto partition assignment. You can try completing the rebalance by calling poll() and then retry the operation."
	errCommitSyncing = "org.apache.kafka.common.errors.RebalanceInProgressException: Offset commit cannot be completed since the consumer group is executing a rebalance at the moment. You can try completing the rebalance by calling poll() and then retry commit again"
)

// commit is OffsetCommit. The client checks itself first (ConsumerCoordinator.sendOffsetCommitRequest):
// a consumer that is out of the group, or in the middle of a rebalance, does not ask the
// coordinator at all. The coordinator then checks the member id and generation
// (UNKNOWN_MEMBER_ID, ILLEGAL_GENERATION: a member of an old generation, whose partitions may
// belong to someone else by now) and appends one record per partition to its __consumer_offsets
// partition. It returns Kafka's error text, or "". Committing nothing succeeds at once, as
// commitSync() with no offsets does.
func (s *Sim) commit(c *Consumer, offsets map[TopicPartition]int64, why string) string {
	gc := c.grp
	g := s.groupByID(gc.groupID)
	if len(offsets) == 0 || g == nil {
		return ""
	}
	fail := func(text string) string {
		s.emit(EventCommitFailed, fmt.Sprintf("consumer %s could not commit %s: %s", c.name, describeOffsets(offsets), text),
			byClient(c.name), onGroup(g.id))
		return text
	}
	switch gc.state {
	case memberUnjoined:
		return fail(errCommitKicked)
	case memberJoining:
		return fail(errCommitJoining)
	}
	coord := s.coordinatorOf(g.id)
	if coord < 0 {
		return fail("org.apache.kafka.common.errors.CoordinatorNotAvailableException: The coordinator is not available.")
	}
	m := g.member(gc.memberID)
	if m == nil || gc.generation != g.generation {
		// The client resets its generation and rejoins; its partitions are lost.
		gc.memberID, gc.state, gc.generation, gc.kicked = "", memberUnjoined, -1, true
		if m != nil {
			gc.memberID = m.id // ILLEGAL_GENERATION keeps the member id; UNKNOWN_MEMBER_ID does not
		}
		return fail(errCommitStale)
	}
	if g.state == GroupCompletingRebalance {
		return fail(errCommitSyncing)
	}
	p := s.partition(OffsetsTopic, CoordinatorPartition(g.id))
	lr := p.replicaOn(coord)
	if !lr.isLeader() || lr.progress == nil {
		return fail("org.apache.kafka.common.errors.NotCoordinatorException: This is not the correct coordinator.")
	}
	s.appendOffsets(g, p, lr, offsets)
	s.emit(EventOffsetsCommitted, fmt.Sprintf("consumer %s committed %s to group %s (%s)", c.name, describeOffsets(offsets), g.id, why),
		byClient(c.name), onGroup(g.id))
	return ""
}

// appendOffsets writes offset commit records to the coordinator's __consumer_offsets partition,
// in partition order, and makes them the group's committed offsets.
func (s *Sim) appendOffsets(g *group, p *partition, lr *replica, offsets map[TopicPartition]int64) {
	keys := make([]TopicPartition, 0, len(offsets))
	for tp := range offsets {
		keys = append(keys, tp)
	}
	sortTPs(keys)
	ts := s.cfg.StartTimeMs + s.NowMs()
	for _, tp := range keys {
		s.ids++
		lr.log.appendRecord(Record{Offset: lr.log.endOffset, LeaderEpoch: lr.knownEpoch, Key: offsetKey(g.id, tp),
			Value: strconv.FormatInt(offsets[tp], 10), Timestamp: ts, ID: s.ids, ProducerID: -1, Sequence: -1})
		g.committed[tp] = offsets[tp]
	}
	lr.progress[p.replicaIndex(lr.broker)].leo = lr.log.endOffset
	s.maybeAdvanceHW(p, lr)
}

func describeOffsets(offsets map[TopicPartition]int64) string {
	keys := make([]TopicPartition, 0, len(offsets))
	for tp := range offsets {
		keys = append(keys, tp)
	}
	sortTPs(keys)
	parts := make([]string, len(keys))
	for i, tp := range keys {
		parts[i] = fmt.Sprintf("%s=%d", tpName(tp.Topic, tp.Partition), offsets[tp])
	}
	return strings.Join(parts, " ")
}

func sortTPs(tps []TopicPartition) { slices.SortFunc(tps, TopicPartition.Compare) }

// pollGroup is poll() on a subscribed consumer, in ConsumerCoordinator.poll's order: first the
// group (give up lost partitions, join, finish a rebalance), then, once auto.commit.interval.ms
// has passed, auto-commit of the positions that the previous polls left, then the buffered
// records. During a cooperative rebalance the consumer goes on reading the partitions it owns.
// Records that a member of the group had already processed are named in the event log as
// at-least-once duplicates.
func (s *Sim) pollGroup(c *Consumer) []ConsumedRecord {
	gc := c.grp
	gc.lastPoll = s.now
	s.ensureActiveGroup(c)
	if gc.state == memberUnjoined {
		return nil
	}
	g := s.getOrCreateGroup(gc.groupID)
	if gc.autoCommit && gc.state == memberStable && !gc.rejoin && s.now-gc.lastAutoCommit >= gc.autoCommitTicks {
		gc.lastAutoCommit = s.now
		// Kafka commits every consumed position each interval; committing only what changed
		// (or was never committed) has the same effect and keeps the event log readable.
		var changed map[TopicPartition]int64
		for _, cp := range c.parts {
			tp := TopicPartition{cp.topic, cp.partition}
			if old, ok := g.committed[tp]; cp.position >= 0 && (!ok || old != cp.position) {
				if changed == nil {
					changed = map[TopicPartition]int64{}
				}
				changed[tp] = cp.position
			}
		}
		if len(changed) > 0 {
			s.commit(c, changed, "auto-commit, enable.auto.commit=true")
		}
	}
	recs, _ := s.Poll(c.name)
	if len(recs) == 0 {
		return nil
	}
	var dups map[TopicPartition][]int64
	for i := 0; i < len(recs); {
		// Records come in runs from one partition (one fetch response each): one map lookup
		// and one update per run.
		tp := TopicPartition{recs[i].Topic, recs[i].Partition}
		done := g.processed[tp]
		for ; i < len(recs) && recs[i].Partition == tp.Partition && recs[i].Topic == tp.Topic; i++ {
			if off := recs[i].Offset; off >= done {
				done = off + 1
			} else {
				if dups == nil {
					dups = map[TopicPartition][]int64{}
				}
				dups[tp] = append(dups[tp], off)
			}
		}
		g.processed[tp] = done
	}
	if dups == nil {
		return recs
	}
	keys := make([]TopicPartition, 0, len(dups))
	for tp := range dups {
		keys = append(keys, tp)
	}
	sortTPs(keys)
	for _, tp := range keys {
		s.emit(EventRecordsReprocessed, fmt.Sprintf("consumer %s received offset(s) %s of %s again: the group had processed them before the last commit (at-least-once duplicates)",
			c.name, fmtOffsets(dups[tp]), tpName(tp.Topic, tp.Partition)), byClient(c.name), onGroup(g.id), onPartition(tp.Topic, tp.Partition), withOffsets(dups[tp]))
	}
	return recs
}

// PollGroupConsumer is an explicit poll() on a subscribed consumer (the `consumer poll` verb
// and the console consumer with --group).
func (s *Sim) PollGroupConsumer(name string) ([]ConsumedRecord, error) {
	c, err := s.consumerOrErr(name)
	if err != nil {
		return nil, err
	}
	if c.grp == nil {
		return s.Poll(name)
	}
	recs := s.pollGroup(c)
	s.observe()
	return recs, nil
}
