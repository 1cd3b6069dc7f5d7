package engine

// logMark remembers how far a check has verified one log: through the record stored at the
// address at. It is what makes the record-level invariants incremental.
//
// It rests on the promise partitionLog makes: an element of a record array is written once and
// never changes (appendShared); truncation keeps the records below the cut where they were,
// and compaction and copying build fresh arrays. So while a log still holds
// the very record at the very address that was verified last, with no record in front of the
// first one verified then, every record up to it is still the one that was verified, and only
// the records after it need a look. When the mark no longer holds (a fresh array after
// compaction or a copy, a truncation below it), the check starts over from the beginning.
type logMark struct {
	at    *Record
	first int64 // offset of the log's first record when the mark was made
}

// resume returns the index in l.records just past the marked record, or 0 when the mark no
// longer holds and the whole log must be verified again.
func (m logMark) resume(l *partitionLog) int {
	if m.at == nil || len(l.records) == 0 || l.records[0].Offset < m.first {
		return 0
	}
	if i := l.index(m.at.Offset); i < len(l.records) && &l.records[i] == m.at {
		return i + 1
	}
	return 0
}

// valid says whether the mark still holds for l.
func (m logMark) valid(l *partitionLog) bool { return m.resume(l) > 0 }

// markThrough marks l.records[:n] as verified.
func markThrough(l *partitionLog, n int) logMark {
	if n <= 0 || n > len(l.records) {
		return logMark{}
	}
	return logMark{at: &l.records[n-1], first: l.records[0].Offset}
}

// agreeMark remembers up to which offset a follower's log was found to agree with its leader's,
// and marks on both logs that say the records below it are still the ones compared.
type agreeMark struct {
	leader int32
	upTo   int64
	lm, fm logMark
}

// ackMark remembers how many of a partition's acknowledged records were found on its leader,
// and a mark on the leader's log through the highest of their offsets: while it holds, those
// records are still there.
type ackMark struct {
	leader  int32
	checked int
	m       logMark
	empty   bool // none of the checked records is in the log (all retention-deleted or cleaned)
}

// producerOrder remembers, for the acknowledged acks=all records of idempotent producers, the
// last sequence number and offset each producer got acknowledged in the partition.
type producerOrder struct {
	checked int
	last    map[int64]seqAt
}

type seqAt struct {
	seq    int32
	offset int64
}
