package engine

import (
	"fmt"
	"slices"
	"strings"
)

// ActiveController is the node id of the active KRaft controller, or -1 when the quorum has
// no majority or is between leaders.
func (s *Sim) ActiveController() int32 { return s.active }

func (s *Sim) elect(c *controllerNode) {
	s.active = c.id
	s.ctrlEpoch++
	s.electionAt = 0
	s.quorumLost = false
	// A new active controller starts every broker's session afresh: it has not yet missed a
	// heartbeat from anyone (KRaft's BrokerHeartbeatManager is rebuilt on failover).
	for _, b := range s.brokers {
		b.lastHeartbeat = s.now
	}
	if s.now > 0 {
		s.emit(EventControllerElected, fmt.Sprintf(
			"controller %d was elected active controller of the KRaft quorum at epoch %d", c.id, s.ctrlEpoch))
	}
}

// controllerTick runs the quorum (failover), broker heartbeats and fencing, and the periodic
// leader elections, in that order.
func (s *Sim) controllerTick() {
	s.quorumTick()
	if s.active < 0 {
		return
	}
	for _, b := range s.brokers {
		if b.reachable() && s.now-b.lastHeartbeat >= s.cfg.BrokerHeartbeatIntervalTicks {
			s.heartbeat(b)
		}
	}
	for _, b := range s.brokers {
		if !b.fenced && b.registered && s.now-b.lastHeartbeat > s.cfg.BrokerSessionTimeoutTicks {
			s.fence(b, fmt.Sprintf("no heartbeat for %d ms (broker.session.timeout.ms=%d)",
				s.cfg.TicksToMs(s.now-b.lastHeartbeat), s.cfg.TicksToMs(s.cfg.BrokerSessionTimeoutTicks)))
		}
	}
	if s.cfg.UncleanElectionIntervalTicks > 0 && s.now%s.cfg.UncleanElectionIntervalTicks == 0 {
		s.electLeaderless("periodic unclean election check")
	}
	if s.cfg.AutoLeaderRebalance && s.cfg.LeaderImbalanceCheckIntervalTicks > 0 &&
		s.now%s.cfg.LeaderImbalanceCheckIntervalTicks == 0 {
		s.electPreferred(nil, "auto.leader.rebalance.enable")
	}
}

// quorumTick models Raft leadership of __cluster_metadata: a majority of voters must be up and
// connected; after the active controller is lost the others wait for the fetch timeout plus a
// random backoff before one of them wins.
func (s *Sim) quorumTick() {
	if s.active >= 0 {
		if c := s.controller(s.active); c != nil && c.voting() {
			return
		}
		s.emit(EventControllerLost, fmt.Sprintf("active controller %d is gone; the quorum must elect a new one", s.active))
		s.active = -1
	}
	var live []*controllerNode
	for _, c := range s.controllers {
		if c.voting() {
			live = append(live, c)
		}
	}
	if 2*len(live) <= len(s.controllers) {
		s.electionAt = 0
		if !s.quorumLost {
			s.quorumLost = true
			s.emit(EventControllerLost, fmt.Sprintf(
				"the controller quorum has no majority (%d of %d voters up): no leader elections, ISR changes or topic changes until it does",
				len(live), len(s.controllers)))
		}
		return
	}
	if s.electionAt == 0 {
		s.electionAt = s.now + s.cfg.ControllerElectionTimeoutTicks + s.rng.Int64N(s.cfg.ControllerElectionJitterTicks+1)
	}
	if s.now >= s.electionAt {
		s.elect(live[s.rng.IntN(len(live))])
	}
}

// heartbeat is a broker's BrokerHeartbeat reaching the active controller. A fenced broker that
// heartbeats is caught up on metadata and unfenced (we model metadata replay as instant).
func (s *Sim) heartbeat(b *broker) {
	b.lastHeartbeat = s.now
	fresh := !b.registered
	if fresh {
		b.registered = true
		b.epoch++
		// A new incarnation of a broker the controller still counts as alive means the old one
		// died: treat it as failed first (KRaft's handling of an unclean restart), so that its
		// replicas rejoin the ISR only after they catch up again.
		if !b.fenced && s.brokerHasPartitions(b.id) {
			s.fence(b, "it restarted without a clean shutdown")
		}
	}
	if b.fenced {
		s.unfence(b)
	} else if fresh || b.staleMetadata {
		s.syncBroker(b)
	}
}

func (s *Sim) brokerHasPartitions(id int32) bool {
	found := false
	s.eachPartition(func(_ *topic, p *partition) {
		found = found || slices.Contains(p.replicas, id)
	})
	return found
}

func (s *Sim) fence(b *broker, why string) {
	b.fenced = true
	s.emit(EventBrokerFenced, fmt.Sprintf("broker %d was fenced by controller %d: %s", b.id, s.active, why), onBroker(b.id))
	s.removeBrokerFromPartitions(b.id, "broker "+itoa(int64(b.id))+" was fenced")
}

func (s *Sim) unfence(b *broker) {
	b.fenced = false
	s.emit(EventBrokerUnfenced, fmt.Sprintf("broker %d registered with controller %d and was unfenced", b.id, s.active), onBroker(b.id))
	s.syncBroker(b)
	s.electLeaderless("broker " + itoa(int64(b.id)) + " came back")
}

// removeBrokerFromPartitions is what the controller does when a broker is fenced or shuts down:
// take it out of every ISR (never emptying one) and elect new leaders where it led.
func (s *Sim) removeBrokerFromPartitions(id int32, cause string) {
	s.internal = &internalSummary{}
	defer func() {
		sum := s.internal
		s.internal = nil
		if sum.elected+sum.offline+sum.shrunk > 0 {
			s.emit(EventLeaderElected, fmt.Sprintf("%s: %s; %d partition(s) elected a new leader, %d lost their leader and %d shrank their ISR",
				OffsetsTopic, cause, sum.elected, sum.offline, sum.shrunk), onTopic(OffsetsTopic), onBroker(id))
		}
	}()
	s.eachPartition(func(t *topic, p *partition) {
		if !slices.Contains(p.replicas, id) {
			return
		}
		isr := p.isr
		if len(isr) > 1 && slices.Contains(isr, id) {
			isr = without(isr, id)
		}
		leader := p.leader
		if leader == id {
			leader = -1
		}
		s.changePartition(t, p, leader, isr, cause)
	})
}

// usable says whether the controller may pick broker id as a leader or keep it in an ISR.
func (s *Sim) usable(id int32) bool {
	b := s.broker(id)
	return b != nil && b.registered && !b.fenced
}

// changePartition commits a new leader and ISR for p. A leader of -1 asks for an election:
// the first usable ISR replica in assignment order, or, when the topic allows it and no ISR
// replica is usable, the first usable replica at all (an unclean election).
func (s *Sim) changePartition(t *topic, p *partition, leader int32, isr []int32, cause string) {
	unclean := false
	if leader < 0 {
		leader, unclean = s.chooseLeader(t, p, isr)
		if unclean {
			isr = []int32{leader}
		}
	}
	if leader == p.leader && slices.Equal(isr, p.isr) {
		return
	}
	oldLeader, oldISR := p.leader, p.isr
	p.isr = slices.Clone(isr)
	p.partitionEpoch++
	if leader != oldLeader {
		p.leader = leader
		p.leaderEpoch++
	}
	s.propagate(p)
	s.describeChange(p, oldLeader, oldISR, unclean, cause)
	if leader != oldLeader && leader >= 0 {
		if unclean {
			p.unclean++
		}
		s.detectLoss(p, fmt.Sprintf("broker %d became leader at epoch %d", leader, p.leaderEpoch))
	}
}

func (s *Sim) chooseLeader(t *topic, p *partition, isr []int32) (int32, bool) {
	for _, r := range p.replicas {
		if slices.Contains(isr, r) && s.usable(r) {
			return r, false
		}
	}
	if topicBool(t, "unclean.leader.election.enable") {
		for _, r := range p.replicas {
			if s.usable(r) {
				return r, true
			}
		}
	}
	return -1, false
}

func (s *Sim) describeChange(p *partition, oldLeader int32, oldISR []int32, unclean bool, cause string) {
	if sum := s.internal; sum != nil && strings.HasPrefix(p.topic, "__") {
		switch {
		case p.leader != oldLeader && p.leader < 0:
			sum.offline++
		case p.leader != oldLeader:
			sum.elected++
		case len(p.isr) < len(oldISR):
			sum.shrunk++
		}
		return
	}
	name := p.name()
	at := onPartition(p.topic, p.id)
	switch {
	case p.leader != oldLeader && p.leader < 0:
		s.emit(EventLeaderOffline, fmt.Sprintf(
			"%s: %s; partition %s has no leader (Leader: none): no in-sync replica is available and the ISR stays %s",
			name, cause, name, fmtIDs(p.isr)), at, onBroker(oldLeader))
	case p.leader != oldLeader:
		how := "elected leader"
		switch {
		case unclean:
			how = "elected leader by an UNCLEAN election (it was not in the ISR)"
		case strings.HasPrefix(cause, "preferred"):
			how = "made leader by a preferred leader election"
		}
		s.emit(EventLeaderElected, fmt.Sprintf("%s: %s; broker %d was %s at epoch %d from ISR %s",
			name, cause, p.leader, how, p.leaderEpoch, fmtIDs(p.isr)), at, onBroker(p.leader))
	case len(p.isr) < len(oldISR):
		s.emit(EventIsrShrunk, fmt.Sprintf("%s: ISR shrank from %s to %s (%s)", name, fmtIDs(oldISR), fmtIDs(p.isr), cause),
			at, onBroker(p.leader))
	case len(p.isr) > len(oldISR):
		s.emit(EventIsrExpanded, fmt.Sprintf("%s: ISR expanded from %s to %s (%s)", name, fmtIDs(oldISR), fmtIDs(p.isr), cause),
			at, onBroker(p.leader))
	}
}

// electLeaderless retries elections for partitions that have no leader: after a broker returns,
// and periodically for unclean elections (unclean.leader.election.interval.ms).
func (s *Sim) electLeaderless(cause string) {
	if s.active < 0 {
		return
	}
	s.eachPartition(func(t *topic, p *partition) {
		if p.leader < 0 {
			s.changePartition(t, p, -1, p.isr, cause)
		}
	})
}

// electPreferred moves leadership back to the preferred (first) replica where it is usable and
// in the ISR. only limits it to some partitions (nil for all). It returns how many moved.
func (s *Sim) electPreferred(only func(*partition) bool, cause string) int {
	if s.active < 0 {
		return 0
	}
	n := 0
	s.eachPartition(func(t *topic, p *partition) {
		if only != nil && !only(p) {
			return
		}
		pref := p.replicas[0]
		if p.leader != pref && slices.Contains(p.isr, pref) && s.usable(pref) {
			s.changePartition(t, p, pref, p.isr, "preferred leader election ("+cause+")")
			n++
		}
	})
	return n
}

// propagate pushes p's registration to every replica whose broker can hear the controller.
func (s *Sim) propagate(p *partition) {
	for i, id := range p.replicas {
		if b := s.broker(id); b != nil && b.reachable() {
			s.applyMetadata(p, i)
		} else if b != nil {
			b.staleMetadata = true
		}
	}
}

// syncBroker brings a broker that was away up to date with every partition it hosts.
func (s *Sim) syncBroker(b *broker) {
	b.staleMetadata = false
	s.eachPartition(func(_ *topic, p *partition) {
		if i := p.replicaIndex(b.id); i >= 0 {
			s.applyMetadata(p, i)
		}
	})
}

// applyMetadata makes replica i act on p's current registration: become leader, become
// follower, or just learn a new ISR.
func (s *Sim) applyMetadata(p *partition, i int) {
	r := p.reps[i]
	wasLeader := r.isLeader()
	newEpoch := r.knownEpoch != p.leaderEpoch
	r.knownLeader, r.knownEpoch, r.knownISR = p.leader, p.leaderEpoch, slices.Clone(p.isr)
	switch {
	case r.isLeader() && (newEpoch || !wasLeader):
		s.becomeLeader(p, r)
	case !r.isLeader() && (wasLeader || newEpoch):
		s.becomeFollower(p, r)
	case r.isLeader():
		s.maybeAdvanceHW(p, r)
	}
}

func (s *Sim) becomeLeader(p *partition, r *replica) {
	r.log.assignEpochStartOffset(r.knownEpoch)
	r.progress = make([]followerProgress, len(p.replicas))
	for j, id := range p.replicas {
		fp := followerProgress{leo: -1, lastFetchLeaderLEO: -1}
		if slices.Contains(r.knownISR, id) {
			fp.lastCaughtUpTick = s.now
		}
		if id == r.broker {
			fp.leo = r.log.endOffset
		}
		r.progress[j] = fp
	}
	r.fetching = false
	r.parked = nil
	s.maybeAdvanceHW(p, r)
}

func (s *Sim) becomeFollower(p *partition, r *replica) {
	s.failPurgatory(p, r, ErrNotLeaderOrFollower)
	r.progress = nil
	for _, f := range r.parked {
		s.respondFetch(p, r, f, fetchResponse{err: ErrNotLeaderOrFollower})
	}
	r.parked = nil
}

func without(ids []int32, id int32) []int32 {
	out := make([]int32, 0, len(ids))
	for _, x := range ids {
		if x != id {
			out = append(out, x)
		}
	}
	return out
}

// fmtIDs renders broker ids the way the event log does: [1,2,3].
func fmtIDs(ids []int32) string { return "[" + joinIDs(ids) + "]" }

// joinIDs renders broker ids the way kafka-topics does: 1,2,3.
func joinIDs(ids []int32) string {
	var b strings.Builder
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(itoa(int64(id)))
	}
	return b.String()
}
