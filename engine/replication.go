package engine

import (
	"fmt"
	"slices"
	"strings"
)

// parkedFetch is a fetch the leader holds because it had nothing to return yet
// (replica.fetch.wait.max.ms for followers, fetch.max.wait.ms for consumers).
type parkedFetch struct {
	from     int32
	client   string
	req      fetchRequest
	deadline int64
}

// handleFetch serves a Fetch at the broker it was sent to.
func (s *Sim) handleFetch(m message) {
	req := m.fetchReq
	p := s.partition(m.topic, m.partition)
	var r *replica
	if p != nil {
		r = p.replicaOn(m.to)
	}
	f := parkedFetch{from: m.from, client: m.client, req: *req}
	if r == nil || !r.isLeader() {
		s.respondFetchTo(m.topic, m.partition, m.to, f, fetchResponse{err: ErrNotLeaderOrFollower})
		return
	}
	if req.replicaID < 0 {
		s.serveConsumerFetch(p, r, f)
		return
	}
	if req.leaderEpoch < r.knownEpoch {
		s.respondFetch(p, r, f, fetchResponse{err: ErrFencedLeaderEpoch})
		return
	}
	if req.leaderEpoch > r.knownEpoch {
		// The follower knows a newer leader than this broker does: this one is a zombie.
		s.respondFetch(p, r, f, fetchResponse{err: ErrNotLeaderOrFollower})
		return
	}
	// KIP-279: check that the follower's last epoch ends where the leader says it does.
	if req.lastFetchedEpoch >= 0 {
		epoch, end := r.log.endOffsetForEpoch(req.lastFetchedEpoch)
		if epoch != req.lastFetchedEpoch || end < req.fetchOffset {
			s.respondFetch(p, r, f, fetchResponse{diverging: &EpochEntry{Epoch: epoch, StartOffset: end}})
			return
		}
	}
	if req.fetchOffset < r.log.startOffset {
		// The follower fell below the leader's log start (retention deleted what it needs).
		s.respondFetch(p, r, f, fetchResponse{err: ErrOffsetOutOfRange})
		return
	}
	s.updateFollowerProgress(p, r, req.replicaID, req.fetchOffset)
	if req.fetchOffset >= r.log.endOffset {
		f.deadline = s.now + s.cfg.ReplicaFetchWaitMaxTicks
		r.parked = append(r.parked, f)
		return
	}
	s.respondFetch(p, r, f, fetchResponse{records: r.log.read(req.fetchOffset, r.log.endOffset, req.maxRecords)})
}

// updateFollowerProgress is Kafka's Replica.updateFetchStateOrThrow: a follower is caught up at
// the time of a fetch that reached the leader's LEO, or at the previous fetch time if this fetch
// reached the LEO the leader had then. It then tries to grow the ISR and move the HW.
func (s *Sim) updateFollowerProgress(p *partition, r *replica, follower int32, fetchOffset int64) {
	idx := p.replicaIndex(follower)
	if idx < 0 || r.progress == nil {
		return
	}
	fp := &r.progress[idx]
	leo := r.log.endOffset
	if fetchOffset >= leo {
		fp.lastCaughtUpTick = max(fp.lastCaughtUpTick, s.now)
	} else if fetchOffset >= fp.lastFetchLeaderLEO {
		fp.lastCaughtUpTick = max(fp.lastCaughtUpTick, fp.lastFetchTick)
	}
	fp.lastFetchLeaderLEO = leo
	fp.lastFetchTick = s.now
	fp.leo = fetchOffset
	s.maybeExpandISR(p, r, follower, fetchOffset)
	s.maybeAdvanceHW(p, r)
}

// maybeExpandISR adds a follower back to the ISR once it has reached the high watermark and
// the start of the leader's current epoch, and its broker is unfenced (Partition.isFollowerInSync).
func (s *Sim) maybeExpandISR(p *partition, r *replica, follower int32, leo int64) {
	if slices.Contains(r.knownISR, follower) || leo < r.hw || !s.usable(follower) {
		return
	}
	if _, start := r.epochStart(r.knownEpoch); leo < start {
		return
	}
	s.alterPartition(p, r, append(slices.Clone(r.knownISR), follower),
		fmt.Sprintf("broker %d caught up to offset %d", follower, leo))
}

// epochStart is where the given epoch starts in the replica's log.
func (r *replica) epochStart(epoch int32) (int32, int64) {
	for _, e := range r.log.epochs {
		if e.Epoch == epoch {
			return e.Epoch, e.StartOffset
		}
	}
	return -1, r.log.endOffset
}

// alterPartition is the leader's AlterPartition request. It only takes effect when the leader
// can reach an active controller and still leads at the controller's current epoch, which is
// why an isolated leader cannot shrink its ISR and so cannot acknowledge acks=all writes alone.
func (s *Sim) alterPartition(p *partition, r *replica, isr []int32, cause string) {
	b := s.broker(r.broker)
	if s.active < 0 || b == nil || !b.reachable() || p.leader != r.broker || r.knownEpoch != p.leaderEpoch {
		return
	}
	t := s.topics[p.topic]
	s.changePartition(t, p, p.leader, isr, cause)
}

// maybeAdvanceHW moves the leader's high watermark to the lowest LEO in the ISR. It never moves
// back, and since Kafka 3.7 it does not move at all while the ISR is smaller than
// min(min.insync.replicas, replication factor).
//
// A follower outside the ISR that has caught up within replica.lag.time.max.ms, and may join,
// holds the HW back too (Partition.maybeIncrementLeaderHW, shouldWaitForReplicaToJoinIsr): it
// joins once its LEO reaches the HW, and under a steady stream of writes the HW of an ISR of
// one is always the leader's LEO, which a fetch round trip behind can never reach. A follower
// the leader cannot reach is not waited for: an isolated leader's metadata is stale, and still
// says the followers it lost are fenced.
func (s *Sim) maybeAdvanceHW(p *partition, r *replica) {
	if !r.isLeader() || r.progress == nil {
		return
	}
	t := s.topics[p.topic]
	if len(r.knownISR) < effectiveMinISR(t, p) {
		return
	}
	hw := r.log.endOffset
	for _, id := range r.knownISR {
		if id == r.broker {
			continue
		}
		idx := p.replicaIndex(id)
		if idx < 0 || r.progress[idx].leo < 0 {
			return
		}
		hw = min(hw, r.progress[idx].leo)
	}
	for idx, id := range p.replicas {
		fp := r.progress[idx]
		if id == r.broker || fp.leo < 0 || fp.leo >= hw || slices.Contains(r.knownISR, id) || !s.usable(id) ||
			!s.peersConnected(r.broker, id) {
			continue
		}
		if s.now-fp.lastCaughtUpTick <= s.cfg.ReplicaLagTimeMaxTicks {
			hw = fp.leo
		}
	}
	if hw > r.hw {
		r.hw = hw
	}
}

func (s *Sim) respondFetch(p *partition, r *replica, f parkedFetch, resp fetchResponse) {
	resp.hw, resp.logStart, resp.leaderEpoch = r.hw, r.log.startOffset, r.knownEpoch
	if n := len(resp.records); n > 0 && f.req.replicaID >= 0 {
		end := r.log.index(resp.records[n-1].Offset) + 1
		resp.prefix = r.log.records[:end:end] // see partitionLog.appendFetched
	}
	s.respondFetchTo(p.topic, p.id, r.broker, f, resp)
}

func (s *Sim) respondFetchTo(topic string, part, from int32, f parkedFetch, resp fetchResponse) {
	resp.reqID = f.req.reqID
	s.send(message{kind: msgFetchResponse, from: from, to: f.from, client: f.client,
		topic: topic, partition: part, fetchResp: &resp})
}

// leaderTick does what leaders do on their own: answer parked fetches that now have data or
// have waited long enough, shrink the ISR of lagging followers, and complete or expire acks=all
// produce requests, in that order (Kafka's DelayedProduce sees the ISR after a shrink).
func (s *Sim) leaderTick() {
	shrink := s.cfg.ReplicaLagTimeMaxTicks/2 > 0 && s.now%(s.cfg.ReplicaLagTimeMaxTicks/2) == 0
	s.eachPartition(func(t *topic, p *partition) {
		for _, r := range p.reps {
			if !r.isLeader() || !s.broker(r.broker).up() {
				continue
			}
			s.releaseParked(p, r)
			if shrink {
				s.maybeShrinkISR(p, r)
			}
			s.checkPurgatory(p, r)
		}
	})
}

func (s *Sim) releaseParked(p *partition, r *replica) {
	if len(r.parked) == 0 {
		return
	}
	keep := r.parked[:0] // in place: the parked list belongs to this replica (Clone copies it)
	for _, f := range r.parked {
		limit := r.log.endOffset
		if f.req.replicaID < 0 {
			limit = r.hw
		}
		if f.req.fetchOffset < limit || s.now >= f.deadline {
			s.respondFetch(p, r, f, fetchResponse{records: r.log.read(f.req.fetchOffset, limit, f.req.maxRecords)})
		} else {
			keep = append(keep, f)
		}
	}
	clear(r.parked[len(keep):])
	r.parked = keep
}

// maybeShrinkISR removes followers that have not caught up within replica.lag.time.max.ms.
func (s *Sim) maybeShrinkISR(p *partition, r *replica) {
	if r.progress == nil {
		return
	}
	var out []int32
	for _, id := range r.knownISR {
		if id == r.broker {
			continue
		}
		fp := r.progress[p.replicaIndex(id)]
		caughtUp := fp.leo == r.log.endOffset || s.now-fp.lastCaughtUpTick <= s.cfg.ReplicaLagTimeMaxTicks
		if !caughtUp {
			out = append(out, id)
		}
	}
	if len(out) == 0 {
		return
	}
	isr := slices.DeleteFunc(slices.Clone(r.knownISR), func(id int32) bool { return slices.Contains(out, id) })
	s.alterPartition(p, r, isr, fmt.Sprintf("broker(s) %s fell more than %d ms behind (replica.lag.time.max.ms)",
		joinIDs(out), s.cfg.TicksToMs(s.cfg.ReplicaLagTimeMaxTicks)))
}

// followerTick sends a fetch from every follower that has none outstanding.
func (s *Sim) followerTick() {
	s.eachPartition(func(_ *topic, p *partition) {
		for _, r := range p.reps {
			if r.fetching && s.now-r.fetchSent > s.cfg.ReplicaSocketTimeoutTicks {
				r.fetching = false // replica.socket.timeout.ms: give up on a fetch that never came back
			}
			if r.isLeader() || r.knownLeader < 0 || r.fetching || s.now < r.backoffUntil {
				continue
			}
			b := s.broker(r.broker)
			if !b.up() {
				continue
			}
			maxRecords := s.cfg.ReplicaFetchMaxRecords
			if b.slow {
				maxRecords = s.cfg.SlowFetchMaxRecords
			}
			r.fetching = true
			r.fetchSent = s.now
			s.send(message{kind: msgFetch, from: r.broker, to: r.knownLeader, topic: p.topic, partition: p.id,
				fetchReq: &fetchRequest{replicaID: r.broker, fetchOffset: r.log.endOffset,
					lastFetchedEpoch: r.log.latestEpoch(), leaderEpoch: r.knownEpoch, maxRecords: maxRecords}})
		}
	})
}

// handleFollowerFetchResponse appends what the leader sent, or truncates where the logs diverge.
func (s *Sim) handleFollowerFetchResponse(m message) {
	p := s.partition(m.topic, m.partition)
	if p == nil {
		return
	}
	r := p.replicaOn(m.to)
	if r == nil {
		return
	}
	r.fetching = false
	resp := m.fetchResp
	if r.isLeader() || r.knownLeader != m.from {
		return
	}
	if resp.err == ErrOffsetOutOfRange && resp.leaderEpoch == r.knownEpoch {
		s.emit(EventLogTruncated, fmt.Sprintf("%s: broker %d is below leader %d's log start offset %d; it empties its copy and starts again from there",
			p.name(), r.broker, m.from, resp.logStart), onPartition(p.topic, p.id), onBroker(r.broker))
		r.log.resetTo(resp.logStart)
		r.hw = resp.logStart
		r.rebuildProducers()
		return
	}
	if resp.err != ErrNone {
		r.backoffUntil = s.now + s.cfg.ReplicaFetchBackoffTicks
		return
	}
	if resp.leaderEpoch != r.knownEpoch {
		return
	}
	if d := resp.diverging; d != nil {
		s.truncateDiverged(p, r, d.Epoch, d.StartOffset)
		return
	}
	// The leader sends records from the first offset at or after the fetch offset: compaction
	// leaves gaps, which the follower's log keeps.
	if len(resp.records) > 0 && resp.records[0].Offset >= r.log.endOffset {
		r.log.appendFetched(resp.records, resp.prefix)
		r.trackProducers(resp.records)
	}
	r.hw = min(resp.hw, r.log.endOffset)
	if resp.logStart > r.log.startOffset {
		r.log.advanceStart(min(resp.logStart, r.hw))
	}
}

// truncateDiverged is AbstractFetcherThread's truncation on a diverging epoch (KIP-279): cut the
// log at the end of the leader's epoch, or at the end of the follower's own copy of that epoch
// if that is earlier. A follower that does not know the epoch truncates to the end of its
// largest earlier epoch and asks again on its next fetch.
func (s *Sim) truncateDiverged(p *partition, r *replica, leaderEpoch int32, leaderEnd int64) {
	var off int64
	if leaderEpoch < 0 {
		off = r.hw
	} else {
		fEpoch, fEnd := r.log.endOffsetForEpoch(leaderEpoch)
		switch {
		case fEpoch < 0:
			off = r.hw
		case fEpoch == leaderEpoch:
			off = min(leaderEnd, fEnd)
		default:
			off = fEnd
		}
	}
	off = min(off, r.log.endOffset)
	s.truncate(p, r, off, fmt.Sprintf("its log diverged from leader %d at epoch %d", r.knownLeader, leaderEpoch))
}

func (s *Sim) truncate(p *partition, r *replica, off int64, why string) {
	before := r.log.endOffset
	removed := r.log.truncateTo(off)
	r.hw = min(r.hw, r.log.endOffset)
	if len(removed) > 0 {
		r.rebuildProducers()
		s.emit(EventLogTruncated, fmt.Sprintf("%s: broker %d truncated its log from offset %d to %d (%d record(s) removed) because %s",
			p.name(), r.broker, before, r.log.endOffset, len(removed), why), onPartition(p.topic, p.id), onBroker(r.broker))
		s.detectLoss(p, fmt.Sprintf("broker %d truncated them", r.broker))
	}
}

// detectLoss marks acknowledged records that the current leader does not hold as lost, and
// says so in the event log, naming the offsets. Records below the log start offset were
// deleted by retention, not lost.
func (s *Sim) detectLoss(p *partition, how string) {
	if p.leader < 0 {
		return
	}
	lr := p.replicaOn(p.leader)
	cleaned := int64(-1)
	if strings.Contains(topicValue(s.topics[p.topic], "cleanup.policy"), "compact") {
		cleaned = p.compactedBelow()
	}
	var lost []int64
	acks := map[int8]int{}
	for i, a := range p.acked {
		if a.lost || a.offset < lr.log.startOffset || a.offset < cleaned {
			continue // deleted by retention or by the log cleaner, not lost
		}
		if rec, ok := lr.log.recordAt(a.offset); ok && rec.ID == a.id {
			continue
		}
		if lost == nil {
			p.acked = slices.Clone(p.acked) // copy on write: clones share the old array
		}
		p.acked[i].lost = true
		lost = append(lost, a.offset)
		acks[a.acks]++
	}
	if len(lost) == 0 {
		return
	}
	p.lostRecords += len(lost)
	s.emit(EventRecordsLost, fmt.Sprintf("%s: %d acknowledged record(s) LOST at offset(s) %s (%s) when %s",
		p.name(), len(lost), fmtOffsets(lost), describeAcks(acks), how), onPartition(p.topic, p.id), withOffsets(lost))
}

func describeAcks(acks map[int8]int) string {
	var parts []string
	for _, a := range []int8{0, 1, -1} {
		if n := acks[a]; n > 0 {
			name := map[int8]string{0: "acks=0", 1: "acks=1", -1: "acks=all"}[a]
			parts = append(parts, fmt.Sprintf("%d written with %s", n, name))
		}
	}
	return strings.Join(parts, ", ")
}

func fmtOffsets(offs []int64) string { return strings.Join(OffsetRanges(offs), ",") }

// OffsetRanges writes sorted offsets as the event log does, runs as ranges: 3-5, 8.
func OffsetRanges(offs []int64) []string {
	var parts []string
	for i := 0; i < len(offs); {
		j := i
		for j+1 < len(offs) && offs[j+1] == offs[j]+1 {
			j++
		}
		if j > i {
			parts = append(parts, fmt.Sprintf("%d-%d", offs[i], offs[j]))
		} else {
			parts = append(parts, itoa(offs[i]))
		}
		i = j + 1
	}
	return parts
}
