package session

import (
	"fmt"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// whatIfRun records a session the way the browser does, on a Timeline: commands with their
// ticks, and the clock's entries merged.
type whatIfRun struct {
	t  *testing.T
	tl *Timeline
}

func newWhatIfRun(t *testing.T) *whatIfRun {
	t.Helper()
	tl, err := NewTimeline(Setup{Seed: 1, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	r := &whatIfRun{t: t, tl: tl}
	r.tick(20) // the brokers register
	return r
}

func (r *whatIfRun) run(line string, input ...string) *whatIfRun {
	r.t.Helper()
	if len(input) == 0 {
		input = nil
	}
	res := r.tl.Exec(Command{Line: line, Input: input, Source: SourceConsole})
	require.NoError(r.t, res.Err, line)
	return r
}

func (r *whatIfRun) tick(n int64) *whatIfRun {
	r.t.Helper()
	for range n {
		require.NoError(r.t, r.tl.Tick(1).Err) // one tick at a time, as the play button does
	}
	return r
}

// compare syncs a new comparison of a preset with the whole run.
func (r *whatIfRun) compare(p Preset) *Compare {
	r.t.Helper()
	c, err := NewCompare(r.tl.Setup(), p.A, p.B)
	require.NoError(r.t, err)
	require.NoError(r.t, c.Sync(r.tl.Commands(), r.tl.Len()))
	return c
}

func preset(t *testing.T, label string) Preset {
	t.Helper()
	for _, p := range Presets() {
		if p.Label == label {
			return p
		}
	}
	t.Fatalf("no preset %q", label)
	return Preset{}
}

const (
	keyedProducer  = "kafka-console-producer.sh --bootstrap-server localhost:9092 --topic payments --property parse.key=true --property key.separator=:"
	createPayments = "kafka-topics.sh --bootstrap-server localhost:9092 --create --topic payments --partitions 1 --replication-factor 3"
)

// The acks=1 loss story (testdata/scenarios/loss_acks1_leader_dies_before_fetch.txt): the
// leader acknowledges dave's payment with acks=1 and dies before its slow followers fetch it.
func acksLossStory(t *testing.T) *whatIfRun {
	r := newWhatIfRun(t)
	r.run(createPayments)
	r.run(keyedProducer, "alice:p0", "bob:p1", "carol:p2")
	r.run("settle").run("broker slow 2").run("broker slow 3")
	r.run(keyedProducer, "dave:p3")
	r.run("broker kill 1")
	return r.tick(150)
}

func requireDiff(t *testing.T, diffs []string, want ...string) {
	t.Helper()
	for _, w := range want {
		require.True(t, contains(diffs, w), "no difference says %q:\n%s", w, strings.Join(diffs, "\n"))
	}
}

func contains(diffs []string, want string) bool {
	for _, d := range diffs {
		if strings.Contains(d, want) {
			return true
		}
	}
	return false
}

func TestCompareAcksDivergesWhenTheLeaderDiesBeforeItsFollowersFetch(t *testing.T) {
	r := acksLossStory(t)
	c := r.compare(preset(t, "acks=1 vs acks=all"))
	d, ok := c.Divergence()
	require.True(t, ok)
	requireDiff(t, d.Diffs, "payments-0: with acks=1, acknowledged offset 3 (key dave) was lost; with acks=all, nothing was lost")
	// It is marked at the tick the controller elected broker 2 and the record was lost.
	for _, m := range r.tl.Marks() {
		require.NotEqual(t, engine.EventRecordsLost, m.Event.Kind, "the main session (acks=all) loses nothing")
	}
	require.Greater(t, d.Step, int64(0))
	require.Equal(t, d.TimeMs, d.Tick*100)
	requireDiff(t, c.Differences(), "with acks=1, acknowledged offset 3 (key dave) was lost", "acks=all has offset 3 (key dave) that acks=1 does not")
	panes := c.Panes()
	pa, _ := panes[0].Partition("payments-0")
	pb, _ := panes[1].Partition("payments-0")
	require.Equal(t, 1, pa.Lost)
	require.Equal(t, 0, pb.Lost)
	require.Equal(t, "acks=1", panes[0].Label)
	require.Equal(t, "acks=all", panes[1].Label)
}

func TestCompareAcksDoesNotDivergeOnAHealthyCluster(t *testing.T) {
	r := newWhatIfRun(t)
	r.run(createPayments + " --config min.insync.replicas=2")
	r.run(keyedProducer, "alice:p0", "bob:p1", "carol:p2")
	r.tick(30)
	r.run(keyedProducer, "dave:p3")
	r.run("broker kill 3").tick(120)
	r.run(keyedProducer, "erin:p4")
	r.tick(50)
	r.run("kafka-console-consumer.sh --bootstrap-server localhost:9092 --topic payments --from-beginning")
	c := r.compare(preset(t, "acks=1 vs acks=all"))
	_, ok := c.Divergence()
	require.False(t, ok, "%s", strings.Join(c.Differences(), "\n"))
	require.Empty(t, c.Differences())
}

func TestCompareUncleanElection(t *testing.T) {
	// The durability lesson's clicks: broker 1 leads alone after its followers fell behind,
	// then dies. Unclean election on elects broker 2 and loses what only broker 1 had.
	story := func(t *testing.T, kill string) *whatIfRun {
		r := newWhatIfRun(t)
		r.run("kafka-topics.sh --bootstrap-server localhost:9092 --create --topic clicks --partitions 1 --replication-factor 3 --config min.insync.replicas=1")
		r.run("kafka-console-producer.sh --topic clicks --producer-property acks=1", "c0", "c1", "c2")
		r.run("settle").run("broker slow 2").run("broker slow 3")
		var clicks []string
		for i := 3; i < 43; i++ {
			clicks = append(clicks, fmt.Sprintf("c%d", i))
		}
		r.run("kafka-console-producer.sh --topic clicks --producer-property acks=1", clicks...)
		r.run("tick 45s")
		r.run("kafka-console-producer.sh --topic clicks --producer-property acks=1", "c43")
		r.run(kill)
		return r.tick(150)
	}
	p := preset(t, "unclean election on vs off")

	t.Run("the only in-sync replica dies", func(t *testing.T) {
		r := story(t, "broker kill 1")
		c := r.compare(p)
		d, ok := c.Divergence()
		require.True(t, ok)
		requireDiff(t, d.Diffs, "clicks-0: with unclean election on, acknowledged offsets 23-43 (values c23, c24, c25, c26, and 17 more) were lost; with unclean election off, nothing was lost")
		requireDiff(t, c.Differences(), "clicks-0: the leader is broker 2 with unclean election on but none (offline) with unclean election off")
	})
	t.Run("a follower dies", func(t *testing.T) {
		r := story(t, "broker kill 3")
		c := r.compare(p)
		_, ok := c.Divergence()
		require.False(t, ok, "%s", strings.Join(c.Differences(), "\n"))
	})
}

func TestCompareMinInsyncReplicas(t *testing.T) {
	story := func(t *testing.T, kills ...string) *whatIfRun {
		r := newWhatIfRun(t)
		r.run(createPayments)
		r.run(keyedProducer, "alice:p0")
		for _, k := range kills {
			r.run(k)
		}
		r.run("settle")
		r.run(keyedProducer, "bob:p1", "carol:p2")
		return r.tick(20)
	}
	p := preset(t, "min.insync.replicas 1 vs 2")
	t.Run("two brokers die", func(t *testing.T) {
		c := story(t, "broker kill 2", "broker kill 3").compare(p)
		d, ok := c.Divergence()
		require.True(t, ok)
		requireDiff(t, d.Diffs, "payments-0: with min.insync.replicas=1, every write was acknowledged; with min.insync.replicas=2, 2 writes were refused with NOT_ENOUGH_REPLICAS",
			"payments-0: min.insync.replicas=1 has offsets 1-2 (keys bob, carol) that min.insync.replicas=2 does not")
	})
	t.Run("one broker dies", func(t *testing.T) {
		c := story(t, "broker kill 3").compare(p)
		_, ok := c.Divergence()
		require.False(t, ok, "%s", strings.Join(c.Differences(), "\n"))
	})
}

func TestCompareAssignors(t *testing.T) {
	story := func(t *testing.T, consumers ...string) *whatIfRun {
		r := newWhatIfRun(t)
		r.run("kafka-topics.sh --create --topic a --partitions 1 --replication-factor 3")
		r.run("kafka-topics.sh --create --topic b --partitions 1 --replication-factor 3")
		for _, name := range consumers {
			r.run("consumer add " + name + " --group g --topic a,b")
		}
		return r.tick(150)
	}
	p := preset(t, "range vs cooperative-sticky")
	t.Run("two consumers of two single-partition topics", func(t *testing.T) {
		c := story(t, "c1", "c2").compare(p)
		d, ok := c.Divergence()
		require.True(t, ok)
		requireDiff(t, d.Diffs, "group g: with range, c1 has a-0, b-0 and c2 has none; with cooperative-sticky, c1 has a-0 and c2 has b-0")
		g := c.Panes()[0].Groups
		require.Len(t, g, 1)
		require.Equal(t, "Stable", g[0].State)
		require.Equal(t, []MemberSummary{{Client: "c1", Partitions: []string{"a-0", "b-0"}}, {Client: "c2"}}, g[0].Members)
	})
	t.Run("one consumer", func(t *testing.T) {
		c := story(t, "c1").compare(p)
		_, ok := c.Divergence()
		require.False(t, ok, "%s", strings.Join(c.Differences(), "\n"))
	})
}

// state is everything the comparison shows at its step.
type compareState struct {
	Step  int64
	Div   Divergence
	Has   bool
	Diffs []string
	Panes [2]PaneSummary
}

func stateOf(c *Compare) compareState {
	d, ok := c.Divergence()
	return compareState{Step: c.Step(), Div: d, Has: ok, Diffs: c.Differences(), Panes: c.Panes()}
}

// Syncing after every change of a live session, as the browser does, ends where syncing the
// whole log at once does; the same inputs give the same divergence, twice.
func TestCompareIsDeterministicAndIncrementalSyncsAgree(t *testing.T) {
	p := preset(t, "acks=1 vs acks=all")
	tl, err := NewTimeline(Setup{Seed: 1, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	live, err := NewCompare(tl.Setup(), p.A, p.B)
	require.NoError(t, err)
	r := &whatIfRun{t: t, tl: tl}
	sync := func() { require.NoError(t, live.Sync(tl.Commands(), tl.Len())) }
	r.tick(20)
	sync()
	for _, step := range []func(){
		func() { r.run(createPayments) },
		func() { r.run(keyedProducer, "alice:p0", "bob:p1", "carol:p2") },
		func() { r.run("settle") },
		func() { r.run("broker slow 2") },
		func() { r.run("broker slow 3") },
		func() { r.run(keyedProducer, "dave:p3") },
		func() { r.run("broker kill 1") },
	} {
		step()
		sync()
	}
	for range 150 {
		r.tick(1)
		sync()
	}
	want := stateOf(live)
	require.True(t, want.Has)

	for range 2 {
		c, err := NewCompare(tl.Setup(), p.A, p.B)
		require.NoError(t, err)
		require.NoError(t, c.Sync(tl.Commands(), tl.Len()))
		require.Equal(t, want, stateOf(c))
	}
}

// Going back in time and forward again, or forking, gives what a fresh comparison of the same
// log and step gives.
func TestCompareFollowsTimeTravelAndForks(t *testing.T) {
	p := preset(t, "acks=1 vs acks=all")
	r := acksLossStory(t)
	r.tick(300) // snapshots on the way
	fresh := func(cmds []Command, step int64) compareState {
		c, err := NewCompare(r.tl.Setup(), p.A, p.B)
		require.NoError(t, err)
		require.NoError(t, c.Sync(cmds, step))
		return stateOf(c)
	}
	c := r.compare(p)
	end := r.tl.Len()
	d, _ := c.Divergence()
	for _, step := range []int64{end, 0, d.Step - 1, d.Step, end - 7, 5, end, d.Step + 250, 30} {
		require.NoError(t, c.Sync(r.tl.Commands(), step))
		require.Equal(t, fresh(r.tl.Commands(), step), stateOf(c), "step %d", step)
		_, diverged := c.Divergence()
		require.Equal(t, step >= d.Step, diverged, "step %d", step)
	}

	// A fork before the kill: broker 3 dies instead, and nothing is lost.
	require.NoError(t, r.tl.GoTo(d.Step-30))
	r.run("broker kill 3")
	r.tick(200)
	require.NoError(t, c.Sync(r.tl.Commands(), r.tl.Len()))
	require.Equal(t, fresh(r.tl.Commands(), r.tl.Len()), stateOf(c))
	// A fork inside a stretch of the clock's ticks.
	require.NoError(t, r.tl.GoTo(r.tl.Len()-50))
	r.run("broker start 3")
	r.tick(10)
	require.NoError(t, c.Sync(r.tl.Commands(), r.tl.Len()))
	require.Equal(t, fresh(r.tl.Commands(), r.tl.Len()), stateOf(c))
	// Undoing the fork puts the first future back.
	_, err := r.tl.UndoFork()
	require.NoError(t, err)
	require.NoError(t, c.Sync(r.tl.Commands(), r.tl.Position()))
	require.Equal(t, fresh(r.tl.Commands(), r.tl.Position()), stateOf(c))
}

func TestCompareErrors(t *testing.T) {
	setup := Setup{Seed: 1, Brokers: 3, Controllers: 3}
	_, err := NewCompare(setup, Override{OverrideAcks, "1"}, Override{OverrideAcks, "1"})
	require.EqualError(t, err, "a comparison needs two different settings, not acks=1 on both sides")
	_, err = NewCompare(setup, Override{OverrideAcks, "1"}, Override{OverrideAcks, "2"})
	require.EqualError(t, err, "Invalid value 2 for configuration acks: String must be one of: all, 0, 1")
	_, err = NewCompare(Setup{Seed: 1, Brokers: 0, Controllers: 3}, Override{OverrideAcks, "1"}, Override{OverrideAcks, "all"})
	require.EqualError(t, err, "brokers must be 1 to 12, not 0")

	c, err := NewCompare(setup, Override{OverrideAcks, "1"}, Override{OverrideAcks, "all"})
	require.NoError(t, err)
	cmds := []Command{{Line: "tick 5", Source: SourceClock}, {Line: "state"}}
	require.EqualError(t, c.Sync(cmds, 7), "step 7 is outside the session, whose steps are 0 to 6")
	require.EqualError(t, c.Sync(cmds, -1), "step -1 is outside the session, whose steps are 0 to 6")
	require.EqualError(t, c.Sync([]Command{{Line: ClockLine(1 << 62), Source: SourceClock}, {Line: "tick 1", Source: SourceClock}}, 0),
		"command 2: the session is longer than 4611686018427387904 steps")
	require.Error(t, c.Sync(make([]Command, MaxCommands+1), 0))
	require.Zero(t, c.Step(), "a refused sync moves nothing")
}

// Whatever the log holds, a comparison never panics: commands that do not parse, fail, or
// fail only in one pane are differences at most.
func TestCompareSurvivesBadCommands(t *testing.T) {
	setup := Setup{Seed: 2, Brokers: 3, Controllers: 3}
	cmds := []Command{
		{Line: "kafka-topics.sh --create --topic t --replication-factor 3"},
		{Line: "state 'unterminated"},
		{Line: "broker kill 9"},
		{Line: "consumer poll nobody"},
		{Line: "settle --max-ms nonsense", Ticks: 3},
		{Line: "reset --seed 5"},
		{Line: "kafka-console-producer.sh --topic t", Input: []string{"x"}},
		{Line: "tick nonsense", Source: SourceClock},
		{Line: "producer add p --topic t --producer-property enable.idempotence=true"},
		{Line: "tick 20", Source: SourceClock},
	}
	c, err := NewCompare(setup, Override{OverrideAcks, "0"}, Override{OverrideAcks, "all"})
	require.NoError(t, err)
	require.NoError(t, c.Sync(cmds, StepCount(cmds)))
	// The producer's idempotence is turned off on the acks=0 side, so it runs on both.
	require.Equal(t, c.Panes()[0].Failed, c.Panes()[1].Failed)
	require.Len(t, c.Panes()[0].Failed, 3)
	require.Contains(t, c.Panes()[0].Failed[0], "command 2 (state 'unterminated) failed: cannot read the command")
}
