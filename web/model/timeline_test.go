package model

import (
	"strconv"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/session"
	"github.com/stretchr/testify/require"
)

func mark(step int64, k engine.EventKind) session.Mark {
	return session.Mark{Step: step, Event: engine.Event{Kind: k, Message: k.String(), TimeMs: step * 100}}
}

// A bin shows its most important moment and counts the rest; unmarked kinds never show.
func TestBinMarks(t *testing.T) {
	marks := []session.Mark{
		mark(1, engine.EventRecordsAppended),
		mark(2, engine.EventBrokerKilled),
		mark(3, engine.EventRecordsLost),
		mark(4, engine.EventLeaderElected),
		mark(90, engine.EventLogTruncated),
	}
	got := BinMarks(marks, 100, 10)
	require.Len(t, got, 2)
	require.Equal(t, int64(3), got[0].Step)
	require.Equal(t, MarkLost, got[0].Class)
	require.Contains(t, got[0].Label, "acknowledged records lost: RecordsLost (and 2 more)")
	require.Equal(t, MarkLogCut, got[1].Class, "truncation is a log cut, not a loss")
	require.InDelta(t, 90.0, got[1].Percent, 0.01)
	require.Nil(t, BinMarks(marks, 0, 10))
}

// Every kind the timeline marks has a class with an icon and a word: nothing by colour alone.
func TestMarkClassesHaveWords(t *testing.T) {
	for k, c := range markOf {
		require.NotEmpty(t, c.Icon, k.String())
		require.NotEmpty(t, c.Word, k.String())
		require.True(t, IsMarked(k))
	}
	require.False(t, IsMarked(engine.EventRecordsAppended))
}

// The session's timeline view follows the run: the past, forks, undo.
func TestTimelineView(t *testing.T) {
	s, err := NewSession(engine.DefaultConfig())
	require.NoError(t, err)
	s.Exec("kafka-topics --create --topic t --partitions 1 --replication-factor 3", nil, SourceConsole)
	s.Exec("settle", nil, SourceConsole)
	s.Exec("broker kill 1", nil, SourceConsole)
	s.Exec("settle", nil, SourceConsole)
	v := s.TimelineView()
	require.False(t, v.Past)
	require.True(t, v.CanUndo)
	require.Greater(t, v.Len, int64(90), "settle takes a step per tick")
	require.NotEmpty(t, v.Marks)
	require.GreaterOrEqual(t, v.PrevEvent, int64(0))

	require.NoError(t, s.GoTo(3))
	v = s.TimelineView()
	require.True(t, v.Past)
	require.Equal(t, "step 3 of "+strconv.FormatInt(v.Len, 10), v.PositionSummary)
	s.Exec("broker kill 2", nil, SourceConsole)
	v = s.TimelineView()
	require.Equal(t, 1, v.Forks)
	require.Contains(t, v.ForkText, "Put back the")
	require.Contains(t, s.Console()[len(s.Console())-2].Text+s.Console()[len(s.Console())-1].Text, "forks at")
	s.UndoFork()
	require.Equal(t, 0, s.TimelineView().Forks)
}
