package engine

import "sort"

// EpochEntry is one line of a replica's leader-epoch-checkpoint: the first offset written under
// a leader epoch. KIP-101 and KIP-279 use it to find where two logs diverge.
type EpochEntry struct {
	Epoch       int32 `json:"epoch"`
	StartOffset int64 `json:"startOffset"`
}

// partitionLog is one replica's log. Its records share their backing array with the log's
// clones, with the replicas that adopted it and with Views, which makes Clone O(1) per log and
// lets a replay after a seek reuse the records its snapshot's run wrote (appendShared says how
// that stays safe).
type partitionLog struct {
	records     []Record
	startOffset int64 // log start offset
	endOffset   int64 // LEO: the offset the next record will get
	epochs      []EpochEntry
	bytes       int64
	segments    []segment // oldest first; the last is the active segment
	// segment.bytes and segment.ms of the topic, kept here so that every replica rolls at the
	// same records: the roll rule only looks at record sizes and timestamps.
	segmentBytes int64
	segmentMs    int64
	// cleanerCheckpoint is the first dirty offset: everything below it has been compacted.
	cleanerCheckpoint int64
}

// segment is one log segment: Kafka's unit of retention. Files are not simulated, only the
// base offset, size and timestamps that retention and compaction decide by.
type segment struct {
	baseOffset     int64
	bytes          int64
	records        int
	firstTimestamp int64
	maxTimestamp   int64
}

// Segment describes one segment for the View.
type Segment struct {
	BaseOffset   int64 `json:"baseOffset"`
	Bytes        int64 `json:"bytes"`
	Records      int   `json:"records"`
	MaxTimestamp int64 `json:"maxTimestamp"`
}

func (l *partitionLog) clone() partitionLog {
	c := *l // records stays shared, spare room included: see appendShared
	c.epochs = append([]EpochEntry(nil), l.epochs...)
	c.segments = append([]segment(nil), l.segments...)
	return c
}

// index returns the position of the first record with offset >= off.
func (l *partitionLog) index(off int64) int {
	// Offsets are dense unless the log cleaner has made gaps, so try the direct position
	// first; with gaps the record can only be earlier than that, which the search finds.
	if n := len(l.records); n > 0 {
		i := int(off - l.records[0].Offset)
		if i >= 0 && i < n && l.records[i].Offset == off {
			return i
		}
		if off > l.records[n-1].Offset {
			return n
		}
	}
	return sort.Search(len(l.records), func(i int) bool { return l.records[i].Offset >= off })
}

// recordAt returns the record at offset off, if the log holds it.
func (l *partitionLog) recordAt(off int64) (Record, bool) {
	i := l.index(off)
	if i < len(l.records) && l.records[i].Offset == off {
		return l.records[i], true
	}
	return Record{}, false
}

// read returns up to max records from offset from (inclusive) to offset to (exclusive).
func (l *partitionLog) read(from, to int64, max int) []Record {
	if from >= to {
		return nil
	}
	i := l.index(from)
	j := l.index(to)
	if max > 0 && j-i > max {
		j = i + max
	}
	if i >= j {
		return nil
	}
	return l.records[i:j:j]
}

// appendRecord adds a record at the end of the log. The caller has set its offset to endOffset.
func (l *partitionLog) appendRecord(r Record) {
	l.account(&r)
	l.records = appendShared(l.records, r)
}

// appendShared appends recs to s, whose array other logs may share, and keeps the promise the
// logs make each other: an element of a record array is written once and never changes. The
// slots after the end of s are either unwritten (a zero ID: every record takes an ID from 1,
// which RecordsHaveIDs checks) or hold a record another log sharing the array appended there.
// An unwritten slot is claimed by writing it. A slot holding the very record being appended is
// taken over as it is: that is what a replay does after a seek, since the snapshot it starts
// from shares its arrays with the run that went on from it, and the same commands append the
// same records; so a seek copies no log. A slot holding another record belongs to a different
// history (a fork), and s moves to an array of its own. A partition's acknowledged records
// (ackedRecord) are kept the same way, for the same reason.
//
// Every slice a log hands out (read, Views, a fetch's prefix) is capped, so nothing but a log
// ever writes into an array. A log and its clone may share spare room, so they must not be
// stepped from two goroutines at once; the engine runs on one.
//
//	a := appendShared(make([]Record, 0, 4), Record{ID: 1}) // claims slot 0
//	b := a                                                  // a clone: the same array
//	a = appendShared(a, Record{ID: 2})                      // claims slot 1
//	b = appendShared(b, Record{ID: 2})                      // the same record: takes slot 1 over
//	b = appendShared(b, Record{ID: 3})                      // claims slot 2; a is unchanged
//	a = appendShared(a, Record{ID: 4})                      // slot 2 holds another record: a copies
func appendShared[E any, P sharedSlot[E]](s []E, add ...E) []E {
	for i := range add {
		if n := len(s); n < cap(s) {
			switch slot := P(&s[:n+1][n]); {
			case slot.unwritten():
				*slot = add[i]
				s = s[:n+1]
				continue
			case slot.same(add[i]):
				s = s[:n+1]
				continue
			}
			s = s[:n:n] // another history's element: copy, below
		}
		s = append(grow(s, len(add)-i), add[i])
	}
	return s
}

// sharedSlot is what appendShared needs to know of an element: whether its slot was never
// written, and whether it equals another.
type sharedSlot[E any] interface {
	*E
	unwritten() bool
	same(E) bool
}

// account updates the epoch cache, the segments, the size and the end offset for a record
// that is being appended.
func (l *partitionLog) account(r *Record) {
	if n := len(l.epochs); n == 0 || l.epochs[n-1].Epoch < r.LeaderEpoch {
		l.epochs = append(l.epochs, EpochEntry{Epoch: r.LeaderEpoch, StartOffset: r.Offset})
	}
	size := r.SizeBytes()
	l.maybeRoll(*r, size)
	seg := &l.segments[len(l.segments)-1]
	seg.bytes += size
	seg.records++
	seg.maxTimestamp = max(seg.maxTimestamp, r.Timestamp)
	l.endOffset = r.Offset + 1
	l.bytes += size
}

// appendFetched adds what a follower fetched: records that already carry their offsets and
// epochs. prefix, when set, is the leader's log up to the end of recs, in the same array.
//
// A follower whose log is the front of that array (it has no records yet, or it adopted the
// leader's on its last fetch) adopts the longer prefix instead of copying. That is safe for
// the reason Clone is: an element of a record array is written once and never changes
// (appendShared), so two slices of one array agree wherever they overlap. It lets the replicas
// of a partition share one copy of their records while they are in step, which was most of the
// cost of replication. A follower copies, as Kafka's does, once the leader's log has moved to
// another array (it grew, was truncated, compacted or trimmed).
func (l *partitionLog) appendFetched(recs, prefix []Record) {
	if len(recs) == 0 {
		return
	}
	for i := range recs {
		l.account(&recs[i])
	}
	n, k := len(l.records), len(prefix)-len(recs)
	if k >= n && &prefix[k] == &recs[0] && (n == 0 || &prefix[k-n] == &l.records[0]) {
		l.records = prefix[k-n : len(prefix) : len(prefix)]
	} else {
		l.records = appendShared(l.records, recs...)
	}
}

// grow makes room for n more elements. Unlike append, which grows a large slice by a quarter
// at a time, it doubles the capacity, so that a log (or a producer's results) filled a little
// at a time is copied about twice in all rather than about five times: record slices are the
// bulk of what the simulation allocates. Like append it never writes to the slice, and it uses
// spare room only when there is enough; record logs, whose spare room may be shared, append
// through appendShared, and every other slice that is shared is capped first.
func grow[S ~[]E, E any](s S, n int) S {
	if cap(s)-len(s) >= n {
		return s
	}
	c := make(S, len(s), max(2*cap(s), len(s)+n, 8))
	copy(c, s)
	return c
}

// maybeRoll starts a new active segment before a record that would not fit (LogSegment.shouldRoll:
// size > segment.bytes - incoming size), or whose timestamp is more than segment.ms after the
// segment's first. Kafka decides per batch; deciding per record makes every replica roll at the
// same offsets, which keeps segments comparable across brokers.
func (l *partitionLog) maybeRoll(r Record, size int64) {
	n := len(l.segments)
	if n > 0 {
		last := l.segments[n-1]
		if last.records == 0 {
			return
		}
		full := l.segmentBytes > 0 && last.bytes > l.segmentBytes-size
		old := l.segmentMs > 0 && r.Timestamp-last.firstTimestamp > l.segmentMs
		if !full && !old {
			return
		}
	}
	l.segments = append(l.segments, segment{baseOffset: r.Offset, firstTimestamp: r.Timestamp})
}

// rebuildSegments recomputes segment sizes and counts from the records after a truncation,
// compaction or start-offset move; segments left empty are dropped, except the active one.
func (l *partitionLog) rebuildSegments() {
	out := l.segments[:0:0]
	j := 0
	for i, sg := range l.segments {
		end := l.endOffset
		if i+1 < len(l.segments) {
			end = l.segments[i+1].baseOffset
		}
		if end <= l.startOffset {
			continue
		}
		ns := segment{baseOffset: max(sg.baseOffset, l.startOffset), firstTimestamp: sg.firstTimestamp}
		for j < len(l.records) && l.records[j].Offset < end {
			if l.records[j].Offset >= ns.baseOffset {
				ns.bytes += l.records[j].SizeBytes()
				ns.records++
				ns.maxTimestamp = max(ns.maxTimestamp, l.records[j].Timestamp)
			}
			j++
		}
		if ns.records > 0 || i == len(l.segments)-1 {
			out = append(out, ns)
		}
	}
	l.segments = out
}

// assignEpochStartOffset records that a new leader epoch starts at the current LEO, as a new
// leader does before it appends anything (Partition.makeLeader in Kafka).
func (l *partitionLog) assignEpochStartOffset(epoch int32) {
	if n := len(l.epochs); n > 0 && l.epochs[n-1].Epoch >= epoch {
		return
	}
	// An entry for an epoch with no records yet may be replaced by a later epoch at the same
	// offset; Kafka keeps both, which is harmless, and so do we.
	l.epochs = append(l.epochs, EpochEntry{Epoch: epoch, StartOffset: l.endOffset})
}

// latestEpoch is the epoch of the last entry in the epoch cache (-1 when empty).
func (l *partitionLog) latestEpoch() int32 {
	if n := len(l.epochs); n > 0 {
		return l.epochs[n-1].Epoch
	}
	return -1
}

// endOffsetForEpoch answers OffsetsForLeaderEpoch the way LeaderEpochFileCache.endOffsetFor
// does. For the latest epoch it is the LEO. For an older epoch it is the start offset of the
// first epoch after it, paired with the largest known epoch at or below the one asked for; an
// epoch older than anything known gets the start of the first known epoch (so a replica whose
// only entry is an empty old epoch is not told it diverged). An undefined epoch, or one newer
// than anything known, gets (-1, -1).
//
//	epochs [{0,0} {2,5} {3,9}], LEO 12:
//	  endOffsetForEpoch(3) = (3, 12)   latest epoch: the LEO
//	  endOffsetForEpoch(1) = (0, 5)    epoch 1 is unknown: epoch 0 ends where epoch 2 starts
//	  endOffsetForEpoch(4) = (-1, -1)  newer than anything known
func (l *partitionLog) endOffsetForEpoch(epoch int32) (int32, int64) {
	n := len(l.epochs)
	if epoch < 0 || n == 0 {
		return -1, -1
	}
	if epoch == l.epochs[n-1].Epoch {
		return epoch, l.endOffset
	}
	hi := -1
	for i, e := range l.epochs {
		if e.Epoch > epoch {
			hi = i
			break
		}
	}
	if hi < 0 {
		return -1, -1
	}
	if hi == 0 {
		return epoch, l.epochs[0].StartOffset
	}
	return l.epochs[hi-1].Epoch, l.epochs[hi].StartOffset
}

// truncateTo removes every record at or above off and returns the removed records.
func (l *partitionLog) truncateTo(off int64) []Record {
	if off >= l.endOffset {
		// No record goes, but an epoch entry at the log end may: a broker that was elected
		// leader and lost leadership before appending anything holds an entry for an epoch no
		// other replica knows, and while it stays, every fetch reports the same divergence
		// again and the follower never catches up (UnifiedLog.truncateTo does the same).
		l.truncateEpochsFrom(l.endOffset)
		return nil
	}
	if off < l.startOffset {
		off = l.startOffset
	}
	i := l.index(off)
	removed := l.records[i:len(l.records):len(l.records)] // capped, like every slice a log hands out
	for _, r := range removed {
		l.bytes -= r.SizeBytes()
	}
	l.records = l.records[:i:i]
	l.endOffset = off
	l.cleanerCheckpoint = min(l.cleanerCheckpoint, off)
	for len(l.segments) > 0 && l.segments[len(l.segments)-1].baseOffset >= off && len(l.segments) > 1 {
		l.segments = l.segments[:len(l.segments)-1]
	}
	l.rebuildSegments()
	l.truncateEpochsFrom(off)
	return removed
}

// truncateEpochsFrom is LeaderEpochFileCache.truncateFromEnd: entries that start at or above
// off go.
func (l *partitionLog) truncateEpochsFrom(off int64) {
	k := len(l.epochs)
	for k > 0 && l.epochs[k-1].StartOffset >= off {
		k--
	}
	if k < len(l.epochs) {
		l.epochs = append([]EpochEntry(nil), l.epochs[:k]...)
	}
}
