package session_test

import (
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine/session"
	"github.com/kafka-playground/playground/lessons"
	"github.com/stretchr/testify/require"
)

// lessonRun plays a lesson as a learner who takes every step does, on a timeline: the setup,
// then each step's demo, the solution of each task and the reveal of each quiz.
func lessonRun(t *testing.T, number int) *session.Timeline {
	t.Helper()
	l, err := lessons.ByNumber(number)
	require.NoError(t, err)
	tl, err := session.NewTimeline(session.Setup{Seed: l.Cluster.Seed, Brokers: l.Cluster.Brokers, Controllers: l.Cluster.Controllers})
	require.NoError(t, err)
	run := func(cmds []lessons.Command) {
		for _, c := range cmds {
			res := tl.Exec(session.Command{Line: c.Line, Input: c.Input, Source: session.SourceLesson})
			require.NoError(t, res.Err, c.Line)
		}
	}
	run(l.Setup)
	for _, st := range l.Steps {
		run(st.Demo)
		if st.Task != nil {
			run(st.Task.Solution)
		}
		if st.Quiz != nil {
			run(st.Quiz.Reveal)
		}
	}
	return tl
}

// The durability lesson, out of the box: with acks=1 instead of acks=all, the write that the
// lesson shows refused with NOT_ENOUGH_REPLICAS is accepted, and the clicks that the unclean
// election loses are named by offset and value.
func TestCompareDurabilityLessonAcks(t *testing.T) {
	tl := lessonRun(t, 10)
	p := session.Presets()[0]
	require.Equal(t, "acks=1 vs acks=all", p.Label)
	c, err := session.NewCompare(tl.Setup(), p.A, p.B)
	require.NoError(t, err)
	require.NoError(t, c.Sync(tl.Commands(), tl.Len()))

	d, ok := c.Divergence()
	require.True(t, ok)
	require.Equal(t, []string{
		"payments-0: with acks=1, every write was acknowledged; with acks=all, 1 write was refused with NOT_ENOUGH_REPLICAS",
		"payments-0: acks=1 has offset 4 (value p4 refused) that acks=all does not",
		"payments-0: the high watermark is 3 with acks=1 but 4 with acks=all",
	}, d.Diffs)
	// The step is the lesson's console producer after broker 2 was killed, at the tick it ran.
	require.Equal(t, "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments", commandAtStep(tl.Commands(), d.Step).Line)
	require.Equal(t, commandAtStep(tl.Commands(), d.Step).Tick, d.Tick)

	diffs := strings.Join(c.Differences(), "\n")
	require.Contains(t, diffs, "clicks-0: with acks=1, acknowledged offsets 23-45 (values c23, c24, c25, c26, and 19 more) were lost; with acks=all, ")
	pa, _ := c.Panes()[0].Partition("clicks-0")
	require.Equal(t, 23, pa.Lost)

	// The same inputs give the same answer.
	again, err := session.NewCompare(tl.Setup(), p.A, p.B)
	require.NoError(t, err)
	require.NoError(t, again.Sync(tl.Commands(), tl.Len()))
	d2, _ := again.Divergence()
	require.Equal(t, d, d2)
	require.Equal(t, c.Differences(), again.Differences())
}

// commandAtStep is the entry of a log whose step k is.
func commandAtStep(cmds []session.Command, k int64) session.Command {
	var at int64
	for _, c := range cmds {
		if at += c.Steps(); at >= k && c.Steps() > 0 {
			return c
		}
	}
	return session.Command{}
}

// Every preset replays the durability lesson without a command failing on either side that
// ran in the lesson, and the lesson's own setting (acks=all, unclean election on for clicks)
// shows up where it should.
func TestEveryPresetReplaysTheDurabilityLesson(t *testing.T) {
	tl := lessonRun(t, 10)
	for _, p := range session.Presets() {
		c, err := session.NewCompare(tl.Setup(), p.A, p.B)
		require.NoError(t, err)
		require.NoError(t, c.Sync(tl.Commands(), tl.Len()), p.Label)
		for _, pane := range c.Panes() {
			require.Empty(t, pane.Failed, "%s: %s", p.Label, pane.Label)
		}
	}
}
