package engine

import (
	"fmt"
	"strings"
)

// retentionTick is every broker's log manager: each log.retention.check.interval.ms it deletes
// expired segments of delete-policy topics, and each log.cleaner.backoff.ms the log cleaner
// compacts compact-policy topics. Brokers do this independently, each on its own replicas.
func (s *Sim) retentionTick() {
	retention := s.cfg.RetentionCheckIntervalTicks > 0 && s.now%s.cfg.RetentionCheckIntervalTicks == 0
	cleaner := s.cfg.LogCleanerBackoffTicks > 0 && s.now%s.cfg.LogCleanerBackoffTicks == 0
	if !retention && !cleaner {
		return
	}
	s.eachPartition(func(t *topic, p *partition) {
		policy := topicValue(t, "cleanup.policy")
		for _, r := range p.reps {
			if !s.broker(r.broker).up() {
				continue
			}
			if retention && strings.Contains(policy, "delete") {
				s.deleteOldSegments(t, p, r)
			}
			if cleaner && strings.Contains(policy, "compact") {
				s.clean(t, p, r)
			}
		}
	})
}

// deleteOldSegments is UnifiedLog.deleteOldSegments: delete the oldest segments while they breach
// retention.bytes or retention.ms (by their largest timestamp), stopping at the first that does
// not, never past the high watermark. A non-empty active segment can go too: Kafka rolls a new
// empty one first, so an idle, fully expired partition ends up empty with its log start at the LEO.
func (s *Sim) deleteOldSegments(t *topic, p *partition, r *replica) {
	l := &r.log
	if len(l.segments) == 0 {
		return
	}
	nowMs := s.cfg.StartTimeMs + s.NowMs()
	retMs, retBytes := topicInt(t, "retention.ms"), topicInt(t, "retention.bytes")
	sizeDiff := l.bytes - retBytes
	deleted, reasons := 0, map[string]bool{}
	for i, sg := range l.segments {
		last := i == len(l.segments)-1
		if last && sg.records == 0 {
			break
		}
		upper := l.endOffset
		if !last {
			upper = l.segments[i+1].baseOffset
		}
		if upper > r.hw {
			break // never delete what consumers cannot read yet
		}
		bySize := retBytes >= 0 && sizeDiff-sg.bytes >= 0
		byTime := retMs >= 0 && nowMs-sg.maxTimestamp > retMs
		if !bySize && !byTime {
			break
		}
		if bySize {
			reasons["retention.bytes="+itoa(retBytes)] = true
		} else {
			reasons["retention.ms="+itoa(retMs)] = true
		}
		sizeDiff -= sg.bytes
		deleted++
	}
	if deleted == 0 {
		return
	}
	oldStart := l.startOffset
	newStart := l.endOffset
	if deleted < len(l.segments) {
		newStart = l.segments[deleted].baseOffset
	}
	l.advanceStart(newStart)
	if p.leader == r.broker {
		why := make([]string, 0, len(reasons))
		for _, k := range []string{"retention.bytes=" + itoa(retBytes), "retention.ms=" + itoa(retMs)} {
			if reasons[k] {
				why = append(why, k)
			}
		}
		s.emit(EventRetention, fmt.Sprintf("%s: broker %d deleted %d segment(s) holding offsets %d-%d (%s); the log start offset moved from %d to %d",
			p.name(), r.broker, deleted, oldStart, newStart-1, strings.Join(why, ", "), oldStart, newStart),
			onPartition(p.topic, p.id), onBroker(r.broker))
	}
}

// advanceStart moves the log start offset forward, dropping the records and whole segments
// below it (retention, or a follower following its leader's log start).
func (l *partitionLog) advanceStart(off int64) {
	if off <= l.startOffset {
		return
	}
	off = min(off, l.endOffset)
	i := l.index(off)
	for _, r := range l.records[:i] {
		l.bytes -= r.SizeBytes()
	}
	l.records = l.records[i:]
	l.startOffset = off
	l.cleanerCheckpoint = max(l.cleanerCheckpoint, off)
	l.rebuildSegments()
	if len(l.segments) == 0 {
		l.segments = []segment{{baseOffset: off}}
	}
}

// resetTo empties the log and restarts it at off: a follower that fell below its leader's log
// start (Kafka's truncateFullyAndStartAt).
func (l *partitionLog) resetTo(off int64) {
	l.records = nil
	l.bytes = 0
	l.startOffset, l.endOffset, l.cleanerCheckpoint = off, off, off
	l.epochs = nil
	l.segments = []segment{{baseOffset: off}}
}
