package engine

import (
	"testing"

	"github.com/stretchr/testify/require"
)

// Clones share the full chunks, and neither side's new events reach the other, across chunk
// boundaries; EventsSince agrees with slicing the whole list.
func TestEventLogClonesStayApart(t *testing.T) {
	var a eventLog
	for i := 1; i <= 2*eventChunk+5; i++ {
		a.add(Event{Seq: int64(i), Kind: EventKind(i % 3)})
	}
	b := a.clone()
	for i := 0; i < eventChunk; i++ {
		a.add(Event{Seq: a.n + 1, Message: "a"})
		b.add(Event{Seq: b.n + 1, Message: "b"})
	}
	all := a.from(0)
	require.Len(t, all, int(a.n))
	for i, e := range all {
		require.Equal(t, int64(i+1), e.Seq)
	}
	for i, e := range b.from(2*eventChunk + 5) {
		require.Equal(t, "b", e.Message, "event %d of the clone", i)
	}
	for i, e := range a.from(2*eventChunk + 5) {
		require.Equal(t, "a", e.Message, "event %d of the original", i)
	}
	for _, since := range []int64{0, 1, eventChunk - 1, eventChunk, 2*eventChunk + 7, a.n - 1, a.n, a.n + 5, -3} {
		want := all[min(max(since, 0), a.n):]
		if len(want) == 0 {
			want = nil
		}
		require.Equal(t, want, a.from(since), "since %d", since)
	}
	require.Equal(t, int64(eventChunk+(2*eventChunk+5)/3), a.kinds[0], "every kind is counted")
}
