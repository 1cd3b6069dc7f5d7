package engine

import (
	"fmt"
	"strconv"
)

// clean is one pass of the log cleaner over a replica of a compacted topic (LogCleaner). It
// runs when the dirty part of the log is more than min.cleanable.dirty.ratio of the cleanable
// log (strictly), or a record has waited longer than max.compaction.lag.ms. It keeps the newest
// record of every key, never touches the active segment or anything at or above the high
// watermark, keeps offsets as they were (so the log has gaps), and removes a tombstone only
// after delete.retention.ms from the first cleaning that saw it.
//
//	k1=v1@0 k2=v2@1 k1=v3@2 k2=null@3 k3=v4@4, then a roll: the first cleaning keeps 2, 3, 4 and
//	stamps the tombstone at 3 with a horizon 24 h away; a cleaning after that keeps 2 and 4.
func (s *Sim) clean(t *topic, p *partition, r *replica) {
	l := &r.log
	if len(l.segments) < 2 {
		return // only the active segment: nothing is cleanable
	}
	nowMs := s.cfg.StartTimeMs + s.NowMs()
	end := l.segments[len(l.segments)-1].baseOffset
	end = min(end, r.hw)
	lag := topicInt(t, "min.compaction.lag.ms")
	for i, sg := range l.segments[:len(l.segments)-1] {
		if lag > 0 && nowMs-sg.maxTimestamp < lag {
			end = min(end, l.segments[i].baseOffset)
			break
		}
	}
	first := max(l.cleanerCheckpoint, l.startOffset)
	if end <= first {
		return
	}
	var cleanBytes, dirtyBytes int64
	oldestDirty := int64(-1)
	for _, rec := range l.records {
		switch {
		case rec.Offset < first:
			cleanBytes += rec.SizeBytes()
		case rec.Offset < end:
			dirtyBytes += rec.SizeBytes()
			if oldestDirty < 0 {
				oldestDirty = rec.Timestamp
			}
		}
	}
	ratio, _ := strconv.ParseFloat(topicValue(t, "min.cleanable.dirty.ratio"), 64)
	maxLag := topicInt(t, "max.compaction.lag.ms")
	overdue := oldestDirty >= 0 && nowMs-oldestDirty > maxLag
	if dirtyBytes == 0 || float64(dirtyBytes)/float64(cleanBytes+dirtyBytes) <= ratio && !overdue {
		return
	}
	latest := map[string]int64{}
	for _, rec := range l.records {
		if rec.Offset >= first && rec.Offset < end && !rec.NullKey {
			latest[rec.Key] = rec.Offset
		}
	}
	horizon := nowMs + topicInt(t, "delete.retention.ms")
	kept := make([]Record, 0, len(l.records))
	removed, tombstones := 0, 0
	for _, rec := range l.records {
		if rec.Offset < end {
			if newest, ok := latest[rec.Key]; ok && !rec.NullKey && rec.Offset < newest {
				removed++
				continue
			}
			if rec.NullValue {
				if rec.DeleteHorizonMs > 0 && nowMs >= rec.DeleteHorizonMs {
					removed++
					tombstones++
					continue
				}
				if rec.DeleteHorizonMs == 0 {
					rec.DeleteHorizonMs = horizon
				}
			}
		}
		kept = append(kept, rec)
	}
	l.records = kept // a fresh array: clones and views keep the old one
	l.bytes = 0
	for _, rec := range kept {
		l.bytes += rec.SizeBytes()
	}
	l.cleanerCheckpoint = end
	l.rebuildSegments()
	if p.leader == r.broker && removed > 0 {
		s.emit(EventCompaction, fmt.Sprintf("%s: the log cleaner on broker %d cleaned the log up to offset %d (new since its last run: %d-%d) and removed %d record(s) superseded by a newer value for the same key%s; offsets are unchanged",
			p.name(), r.broker, end-1, first, end-1, removed, tombstoneNote(tombstones)), onPartition(p.topic, p.id), onBroker(r.broker))
	}
}

// compactedBelow is the highest cleaner checkpoint among the partition's replicas. A follower
// copies its leader's log as the leader's cleaner left it, gaps included, so a record below it
// may be missing from any replica without having been lost: only records below some replica's
// high watermark are cleaned, and only when a newer record with the same key replaced them (or
// they were tombstones past their horizon).
func (p *partition) compactedBelow() int64 {
	var off int64
	for _, r := range p.reps {
		off = max(off, r.log.cleanerCheckpoint)
	}
	return off
}

func tombstoneNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf(" (%d of them tombstone(s) past delete.retention.ms)", n)
}
