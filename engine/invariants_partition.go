package engine

import (
	"fmt"
	"slices"
	"strings"
)

// The invariants of one partition: its registration, its replicas' logs and high watermarks,
// and the records producers were told were written.

// isrNeverEmpty: the controller removes a failed broker from an ISR only when another member
// remains (Kafka without ELR), so the last replica standing keeps its place and the partition
// reports Leader: none instead of losing track of who holds the committed data.
func isrNeverEmpty(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, _ *partState) string {
	if len(p.isr) == 0 {
		return "the ISR is empty"
	}
	return ""
}

// leaderIsInIsr: a clean election picks from the ISR and an unclean one resets the ISR to the
// new leader, and a leader never removes itself, so the leader is always in the ISR.
func leaderIsInIsr(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, _ *partState) string {
	if p.leader >= 0 && !slices.Contains(p.isr, p.leader) {
		return fmt.Sprintf("leader %d is not in ISR %s", p.leader, fmtIDs(p.isr))
	}
	return ""
}

// oneLeaderPerEpoch: the controller bumps the leader epoch on every leader change, so an epoch
// names one leader forever; and a broker only believes it leads at the epoch the controller gave
// it, so no two running brokers can believe they lead at the same epoch.
func oneLeaderPerEpoch(c *InvariantChecker, s *Sim, t *topic, p *partition, ps *partState) string {
	if p.leader >= 0 && (p.leader != ps.lastLeader || p.leaderEpoch != ps.lastEpoch) {
		k := epochKey{t.id, p.id, p.leaderEpoch}
		if prev, ok := c.leaders[k]; ok && prev != p.leader {
			return fmt.Sprintf("epoch %d was led by broker %d and now by broker %d", p.leaderEpoch, prev, p.leader)
		}
		c.leaders[k] = p.leader
		ps.lastLeader, ps.lastEpoch = p.leader, p.leaderEpoch
	}
	for i, r := range p.reps {
		if !r.isLeader() || !s.broker(r.broker).up() {
			continue
		}
		for _, o := range p.reps[:i] {
			if o.isLeader() && o.knownEpoch == r.knownEpoch && s.broker(o.broker).up() {
				return fmt.Sprintf("brokers %d and %d both believe they lead at epoch %d", o.broker, r.broker, r.knownEpoch)
			}
		}
	}
	return ""
}

// highWatermarkWithinIsrLogs: the leader moves its HW only to the lowest LEO its ISR members
// reported, followers never lose records below the HW while in the ISR, and a new leader comes
// from the ISR, so every ISR member's log reaches the leader's HW.
func highWatermarkWithinIsrLogs(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, _ *partState) string {
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
func highWatermarkMonotonicPerEpoch(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, ps *partState) string {
	if p.leader < 0 {
		return ""
	}
	i := p.replicaIndex(p.leader)
	r := p.reps[i]
	if !r.isLeader() {
		return ""
	}
	rs := &ps.reps[i]
	prev := *rs
	rs.wasLeader, rs.hwEpoch, rs.hw = true, r.knownEpoch, r.hw
	if prev.wasLeader && prev.hwEpoch == r.knownEpoch && r.hw < prev.hw {
		return fmt.Sprintf("leader %d's high watermark went back from %d to %d within epoch %d", p.leader, prev.hw, r.hw, r.knownEpoch)
	}
	return ""
}

// replicasAgreeBelowHighWatermark: records below the HW were copied from the leader by every ISR
// member, and leader-epoch truncation only ever cuts above what the ISR shares, so every ISR
// member holds exactly the leader's records below the HW. On a compacted topic each broker's
// cleaner runs on its own schedule, so replicas may hold different subsets below the HW; but an
// offset both hold must be the same record, because compaction only removes records and never
// rewrites an offset.
//
// Incremental: a follower whose log shares its records with the leader's (the same record, at
// the same address, is the last one below the HW in both) agrees at once; otherwise only the
// records above the last offset found to agree are compared, while both logs still hold the
// records compared then (logMark).
func replicasAgreeBelowHighWatermark(_ *InvariantChecker, _ *Sim, t *topic, p *partition, ps *partState) string {
	if p.leader < 0 {
		return ""
	}
	lr := p.replicaOn(p.leader)
	dense := !isCompacted(t)
	for i, r := range p.reps {
		if r == lr || !slices.Contains(p.isr, r.broker) {
			continue
		}
		from, to := max(lr.log.startOffset, r.log.startOffset), lr.hw
		if to <= from {
			continue
		}
		rs := &ps.reps[i]
		a, b := lr.log.index(to), r.log.index(to)
		shared := a > 0 && b > 0 && &lr.log.records[a-1] == &r.log.records[b-1]
		if !shared {
			start := from
			if m := rs.agreed; m.leader == p.leader && m.lm.valid(&lr.log) && m.fm.valid(&r.log) {
				start = max(from, m.upTo)
			}
			if start < to {
				if d := compareBelow(p, lr, r, start, to, dense); d != "" {
					return d
				}
			}
		}
		rs.agreed = agreeMark{leader: p.leader, upTo: to, lm: markThrough(&lr.log, a), fm: markThrough(&r.log, b)}
	}
	return ""
}

// compareBelow compares the leader's and a follower's records in [from, to). A dense log must
// hold exactly the same records; a compacted one the same record at every offset both hold.
func compareBelow(p *partition, lr, r *replica, from, to int64, dense bool) string {
	a, b := lr.log.read(from, to, 0), r.log.read(from, to, 0)
	if dense {
		if len(a) != len(b) {
			return fmt.Sprintf("below high watermark %d leader %d has %d record(s) from offset %d and ISR member %d has %d",
				to, p.leader, len(a), from, r.broker, len(b))
		}
		for i := range a {
			if a[i].Offset != b[i].Offset || a[i].ID != b[i].ID {
				return fmt.Sprintf("leader %d and ISR member %d disagree at offset %d, below high watermark %d", p.leader, r.broker, a[i].Offset, to)
			}
		}
		return ""
	}
	for i, j := 0, 0; i < len(a) && j < len(b); {
		switch {
		case a[i].Offset < b[j].Offset:
			i++
		case a[i].Offset > b[j].Offset:
			j++
		default:
			if a[i].ID != b[j].ID {
				return fmt.Sprintf("leader %d and ISR member %d hold different records at offset %d", p.leader, r.broker, a[i].Offset)
			}
			i++
			j++
		}
	}
	return ""
}

func isCompacted(t *topic) bool { return strings.Contains(topicValue(t, "cleanup.policy"), "compact") }

// logStartOffsetNeverDecreases: retention and DeleteRecords only move the log start forward,
// and truncation cuts the end of a log, never its start.
func logStartOffsetNeverDecreases(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, ps *partState) string {
	for i, r := range p.reps {
		rs := &ps.reps[i]
		if r.log.startOffset < rs.logStart {
			return fmt.Sprintf("broker %d's log start offset went back from %d to %d", r.broker, rs.logStart, r.log.startOffset)
		}
		rs.logStart = r.log.startOffset
	}
	return ""
}

// offsetsStrictlyIncrease: appends take the LEO, truncation and retention cut whole ends, and
// compaction only removes records, so every log's offsets rise strictly and stay within
// [log start, LEO). Incremental: only the records after the last one verified are read, while
// the log still holds the records verified then (logMark).
func offsetsStrictlyIncrease(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, ps *partState) string {
	for i, r := range p.reps {
		l := &r.log
		n := len(l.records)
		if n == 0 {
			continue
		}
		if first, last := l.records[0].Offset, l.records[n-1].Offset; first < l.startOffset || last >= l.endOffset {
			return fmt.Sprintf("broker %d's log holds offsets %d to %d, outside [log start %d, LEO %d)", r.broker, first, last, l.startOffset, l.endOffset)
		}
		rs := &ps.reps[i]
		from := rs.ordered.resume(l)
		prev := l.startOffset - 1
		if from > 0 {
			prev = l.records[from-1].Offset
		}
		for j := from; j < n; j++ {
			off := l.records[j].Offset
			if off <= prev {
				return fmt.Sprintf("broker %d's log has offset %d after %d (log start %d, LEO %d)", r.broker, off, prev, l.startOffset, l.endOffset)
			}
			prev = off
		}
		rs.ordered = markThrough(l, n)
	}
	return ""
}

// recordsHaveIDs: a record takes its ID from the simulation's counter, which starts at 1,
// when it is produced or written by a group coordinator, and replication, truncation,
// retention and compaction copy or drop records whole. It matters beyond loss accounting:
// appendShared takes a zero ID for a slot no log has written, so a logged record with ID 0
// could be overwritten under a clone that shares the array. Incremental like
// offsetsStrictlyIncrease.
func recordsHaveIDs(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, ps *partState) string {
	for i, r := range p.reps {
		l := &r.log
		rs := &ps.reps[i]
		for j := rs.named.resume(l); j < len(l.records); j++ {
			if l.records[j].ID == 0 {
				return fmt.Sprintf("broker %d's log holds a record with no ID at offset %d", r.broker, l.records[j].Offset)
			}
		}
		rs.named = markThrough(l, len(l.records))
	}
	return ""
}

// noAcknowledgedAcksAllRecordLost: an acks=all record is acknowledged only once the HW passes
// it, so every ISR member holds it; clean elections pick an ISR member and truncation never cuts
// below the HW; so while no unclean election has happened the leader still holds it, at the
// offset it was acknowledged with, which also means no acknowledged record was reordered.
// Retention and compaction may remove it on purpose: below the log start, or below any
// replica's cleaner checkpoint on a compacted topic (followers copy the leader's compacted log,
// gaps included).
//
// Incremental: records found on the leader stay found while the leader's log still holds the
// records it held then (logMark), so only the records acknowledged since are looked up.
func noAcknowledgedAcksAllRecordLost(_ *InvariantChecker, _ *Sim, t *topic, p *partition, ps *partState) string {
	if p.leader < 0 || p.unclean > 0 {
		return ""
	}
	lr := p.replicaOn(p.leader)
	m := &ps.acked
	from := 0
	if m.leader == p.leader && m.checked <= len(p.acked) && (m.empty || m.m.valid(&lr.log)) {
		from = m.checked
	}
	if from == len(p.acked) && m.leader == p.leader {
		return ""
	}
	cleaned := int64(-1)
	if isCompacted(t) {
		cleaned = p.compactedBelow()
	}
	highest := int64(-1)
	if from > 0 && !m.empty {
		highest = m.m.at.Offset
	}
	for i := from; i < len(p.acked); i++ {
		a := &p.acked[i]
		if a.acks != -1 || a.offset < lr.log.startOffset || a.offset < cleaned {
			continue
		}
		j := lr.log.index(a.offset)
		if j >= len(lr.log.records) || lr.log.records[j].Offset != a.offset || lr.log.records[j].ID != a.id {
			return fmt.Sprintf("acknowledged acks=all record %d at offset %d is missing from leader %d", a.id, a.offset, p.leader)
		}
		highest = max(highest, a.offset)
	}
	*m = ackMark{leader: p.leader, checked: len(p.acked), empty: highest < 0}
	if highest >= 0 {
		m.m = markThrough(&lr.log, lr.log.index(highest)+1)
	}
	return ""
}

// acknowledgedRecordsKeepProducerOrder: an idempotent producer has one request in flight per
// partition and numbers its records; a leader appends a batch only after the one before it
// (a retry is recognised by its sequence numbers and answered with the offsets it already
// has), and clean elections keep every acknowledged record where it was. So the acks=all
// records of one producer are acknowledged in sequence order at rising offsets: nothing it
// was told was written comes back duplicated or out of order. Unclean elections are exempt:
// the new leader's log can lack the producer's earlier records.
func acknowledgedRecordsKeepProducerOrder(_ *InvariantChecker, _ *Sim, _ *topic, p *partition, ps *partState) string {
	o := &ps.order
	if p.unclean > 0 {
		o.checked = len(p.acked)
		return ""
	}
	if p.leader < 0 {
		return ""
	}
	l := &p.replicaOn(p.leader).log
	for ; o.checked < len(p.acked); o.checked++ {
		a := &p.acked[o.checked]
		if a.acks != -1 {
			continue
		}
		j := l.index(a.offset)
		if j >= len(l.records) || l.records[j].Offset != a.offset || l.records[j].ID != a.id || l.records[j].ProducerID < 0 {
			continue // not idempotent, or gone: retention, cleaning, or the loss the invariant above reports
		}
		rec := &l.records[j]
		if o.last == nil {
			o.last = map[int64]seqAt{}
		}
		prev, ok := o.last[rec.ProducerID]
		if ok && (rec.Sequence <= prev.seq || a.offset <= prev.offset) {
			return fmt.Sprintf("producer id %d had sequence %d acknowledged at offset %d after sequence %d at offset %d",
				rec.ProducerID, rec.Sequence, a.offset, prev.seq, prev.offset)
		}
		o.last[rec.ProducerID] = seqAt{seq: rec.Sequence, offset: a.offset}
	}
	return ""
}
