package engine

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// The worked example of appendShared: a log and its clone share one array while they append
// the same records, and part the moment they append different ones, neither seeing the other's.
func TestAppendSharedExample(t *testing.T) {
	a := appendShared(make([]Record, 0, 4), Record{ID: 1})
	b := a
	a = appendShared(a, Record{ID: 2})
	b = appendShared(b, Record{ID: 2})
	require.Same(t, &a[1], &b[1], "the same record is taken over, not copied")
	b = appendShared(b, Record{ID: 3})
	require.Same(t, &a[0], &b[0], "claiming an unwritten slot keeps the array")
	a = appendShared(a, Record{ID: 4})
	require.NotSame(t, &a[0], &b[0], "another record moves a to an array of its own")
	require.Equal(t, []uint64{1, 2, 4}, idsOf(a))
	require.Equal(t, []uint64{1, 2, 3}, idsOf(b))

	// A record that differs only in a header is another record.
	c := b[:2]
	c = appendShared(c, Record{ID: 3, Headers: []Header{{Key: "k"}}})
	require.NotSame(t, &b[0], &c[0])
	require.Empty(t, b[2].Headers, "b's record was not overwritten")
}

// A clone whose log goes on differently from its original after a seek-like restore: the
// original keeps its records, the clone its own, and the invariant marks of both stay true.
func TestLogClonesAppendApart(t *testing.T) {
	var l partitionLog
	l.segments = []segment{{}}
	for i := int64(0); i < 5; i++ {
		l.appendRecord(Record{Offset: i, ID: uint64(i + 1), Value: "x"})
	}
	snap := l.clone()
	for i := int64(5); i < 8; i++ {
		l.appendRecord(Record{Offset: i, ID: uint64(i + 1), Value: "x"})
	}
	replay := snap.clone()
	for i := int64(5); i < 8; i++ { // the same history: no copy
		replay.appendRecord(Record{Offset: i, ID: uint64(i + 1), Value: "x"})
	}
	require.Same(t, &l.records[7], &replay.records[7])
	fork := snap.clone()
	fork.appendRecord(Record{Offset: 5, ID: 99, Value: "y"})
	require.Equal(t, "x", l.records[5].Value)
	require.Equal(t, "x", replay.records[5].Value)
	require.Equal(t, "y", fork.records[5].Value)
	require.Len(t, snap.records, 5, "the snapshot itself never moves")
}

func idsOf(recs []Record) []uint64 {
	var ids []uint64
	for _, r := range recs {
		ids = append(ids, r.ID)
	}
	return ids
}
