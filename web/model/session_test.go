package model

import (
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func newSession(t *testing.T) *Session {
	t.Helper()
	s, err := NewSession(engine.DefaultConfig())
	require.NoError(t, err)
	return s
}

func TestExecEchoesTheCommandItsOutputAndItsEvents(t *testing.T) {
	s := newSession(t)
	v0 := s.Version()
	res := s.Exec("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --replication-factor 3", nil, SourceUI)
	require.NoError(t, res.Err)
	assert.Greater(t, s.Version(), v0)
	con := s.Console()
	assert.Equal(t, ConsoleLine{Kind: "cmd", Text: "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --replication-factor 3"}, con[0])
	assert.Equal(t, ConsoleLine{Kind: "out", Text: "Created topic orders."}, con[1])
	assert.Equal(t, "event", con[2].Kind)
	assert.Contains(t, con[2].Text, "topic orders was created")
	assert.Equal(t, []LoggedCommand{{Line: "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 2 --replication-factor 3", Source: SourceUI}}, s.Commands())
}

func TestFailedCommandIsLoggedAsFailedAndShowsKafkasError(t *testing.T) {
	s := newSession(t)
	res := s.Exec("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic x --partitions 1 --replication-factor 9", nil, SourceConsole)
	require.Error(t, res.Err)
	cmds := s.Commands()
	require.Len(t, cmds, 1)
	assert.True(t, cmds[0].Failed)
	last := s.Console()[len(s.Console())-1]
	assert.Equal(t, "err", last.Kind)
	assert.Contains(t, last.Text, "replication factor")
}

func TestClockTicksMergeIntoOneLogEntryAndReplayRebuildsTheSession(t *testing.T) {
	s := newSession(t)
	s.Exec("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3", nil, SourceUI)
	s.TogglePlay()
	for range 25 {
		s.Advance(40) // 0.4 ticks a frame at 1x: fractions carry over
	}
	assert.Equal(t, int64(10), s.Sim().Now())
	s.Step()
	s.Exec("broker kill 1", nil, SourceUI)
	s.Step()
	cmds := s.Commands()
	lines := make([]string, len(cmds))
	for i, c := range cmds {
		lines[i] = c.Line
	}
	assert.Equal(t, []string{"kafka-topics.sh --bootstrap-server localhost:9092 --create --topic orders --partitions 3 --replication-factor 3",
		"tick 11", "broker kill 1", "tick 1"}, lines)
	assert.Equal(t, "broker kill 1", s.LastCommand())

	// Replaying the log on a fresh shell with the same seed gives the same state.
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	for _, c := range cmds {
		require.NoError(t, sh.Exec(c.Line, c.Input).Err)
	}
	assert.Equal(t, s.Sim().View(), sh.Sim().View())
}

func TestAdvanceIsBoundedAfterALongPause(t *testing.T) {
	s := newSession(t)
	assert.Zero(t, s.Advance(1000), "paused")
	s.TogglePlay()
	s.SetSpeedIndex(len(Speeds) - 1)
	assert.Equal(t, int64(maxTicksPerAdvance), s.Advance(60_000))
	assert.Zero(t, s.Advance(0))
	s.SetSpeedIndex(99)
	assert.Equal(t, len(Speeds)-1, s.SpeedIndex)
	s.SetSpeedIndex(-3)
	assert.Equal(t, 0, s.SpeedIndex)
}

func TestResetStartsTheEventLogAgain(t *testing.T) {
	s := newSession(t)
	s.Exec("broker kill 1", nil, SourceConsole)
	s.Exec("settle", nil, SourceConsole)
	require.Positive(t, s.Events.Len())
	s.Exec("reset --brokers 4 --seed 7", nil, SourceConsole)
	assert.Equal(t, uint64(7), s.Sim().Seed())
	assert.Len(t, s.View().Brokers, 4)
	s.Exec("broker kill 2", nil, SourceConsole)
	last := s.Events.Lines("all", 1000)
	require.NotEmpty(t, last)
	assert.Equal(t, int64(1), last[0].Seq, "the new simulation's events, from the first")
}

func TestConsoleIsBoundedAndClearable(t *testing.T) {
	s := newSession(t)
	for range MaxConsoleLines {
		s.Exec("seed", nil, SourceConsole)
	}
	assert.Len(t, s.Console(), MaxConsoleLines)
	assert.Equal(t, "seed", s.Console()[len(s.Console())-2].Text)
	s.ClearConsole()
	assert.Empty(t, s.Console())
	assert.Len(t, s.Commands(), MaxConsoleLines, "the command log is not the scrollback")
}

func TestViewIsCachedUntilSomethingChanges(t *testing.T) {
	s := newSession(t)
	v1 := s.View()
	s.view.Tick = -42 // a cached view is returned as is
	assert.Equal(t, int64(-42), s.View().Tick)
	s.Step()
	assert.Equal(t, v1.Tick+1, s.View().Tick)
}
