package session

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/stretchr/testify/require"
)

// viewJSON is the whole observable state: what `state --json` prints.
func viewJSON(t testing.TB, sim *engine.Sim) string {
	t.Helper()
	b, err := json.Marshal(sim.View())
	require.NoError(t, err)
	return string(b)
}

// prefixAt is the log cut at a step, independently of the timeline's own bookkeeping: the
// reference that seeking is checked against.
func prefixAt(cmds []Command, step int64) []Command {
	var out []Command
	var at int64
	for _, c := range cmds {
		if at >= step {
			break
		}
		if n := c.Steps(); at+n > step {
			c.Line = ClockLine(step - at)
			at = step
		} else {
			at += n
		}
		out = append(out, c)
	}
	return out
}

// randomRun drives a timeline the way a learner does: topics, records, faults, clients and a
// clock that plays in uneven stretches.
func randomRun(t testing.TB, seed uint64, commands int) *Timeline {
	t.Helper()
	tl, err := NewTimeline(Setup{Seed: seed, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	rng := rand.New(rand.NewPCG(seed, 7))
	run := func(line string, input ...string) { tl.Exec(Command{Line: line, Input: input, Source: SourceConsole}) }
	run("kafka-topics --create --topic orders --partitions 3 --replication-factor 3 --config min.insync.replicas=2")
	for i := 0; i < commands; i++ {
		b := rng.IntN(3) + 1
		switch rng.IntN(10) {
		case 0:
			run(fmt.Sprintf("broker kill %d", b))
		case 1:
			run(fmt.Sprintf("broker start %d", b))
		case 2:
			run(fmt.Sprintf("broker isolate %d", b))
		case 3:
			run(fmt.Sprintf("broker heal %d", b))
		case 4:
			run("kafka-console-producer --topic orders --property parse.key=true --property key.separator=:",
				fmt.Sprintf("k%d:v%d", rng.IntN(5), i), fmt.Sprintf("k%d:w%d", rng.IntN(5), i))
		case 5:
			run(fmt.Sprintf("consumer add c%d --group g --topic orders", i))
		case 6:
			run(fmt.Sprintf("producer add p%d --topic orders --rate 3 --keys a,b,c", i))
		case 7:
			run("settle")
		default:
			for k := rng.IntN(4); k >= 0; k-- {
				tl.Tick(int64(rng.IntN(30) + 1))
			}
		}
	}
	return tl
}

// Seeking anywhere gives exactly the state a fresh replay of the log up to there gives, in
// any order of seeks, and the log replayed from its file gives byte-identical views.
func TestGoToAgreesWithReplay(t *testing.T) {
	seeds := 12
	if testing.Short() {
		seeds = 4
	}
	for seed := uint64(1); seed <= uint64(seeds); seed++ {
		tl := randomRun(t, seed, 40)
		end := viewJSON(t, tl.Sim())
		rng := rand.New(rand.NewPCG(seed, 99))
		for k := 0; k < 8; k++ {
			p := rng.Int64N(tl.Len() + 1)
			require.NoError(t, tl.GoTo(p))
			require.Equal(t, p, tl.Position())
			ref, err := Replay(tl.Setup(), prefixAt(tl.Commands(), p))
			require.NoError(t, err)
			require.Equal(t, viewJSON(t, ref.Sim()), viewJSON(t, tl.Sim()), "seed %d step %d", seed, p)
			require.Equal(t, ref.Sim().Now(), tl.TickAt(p), "seed %d: the time at step %d", seed, p)
			cut, err := Replay(tl.Setup(), CutAt(tl.Commands(), p))
			require.NoError(t, err)
			require.Equal(t, viewJSON(t, ref.Sim()), viewJSON(t, cut.Sim()), "seed %d: CutAt(%d)", seed, p)
		}
		require.NoError(t, tl.GoTo(tl.Len()))
		require.Equal(t, end, viewJSON(t, tl.Sim()), "seed %d: back at the end", seed)

		loaded, err := Load(tl.File())
		require.NoError(t, err)
		require.Equal(t, end, viewJSON(t, loaded.Sim()), "seed %d: loaded from its file", seed)
		require.Equal(t, tl.Marks(), loaded.Marks(), "seed %d: the same events on the same steps", seed)
	}
}

// Every event's mark is the first step whose state has it.
func TestMarksAreTheFirstStepWithTheEvent(t *testing.T) {
	tl := randomRun(t, 3, 30)
	require.NotEmpty(t, tl.Marks())
	for _, m := range tl.Marks()[:min(len(tl.Marks()), 60)] {
		require.NoError(t, tl.GoTo(m.Step))
		require.GreaterOrEqual(t, lastSeq(tl.Sim()), m.Event.Seq, "step %d has event %d", m.Step, m.Event.Seq)
		require.NoError(t, tl.GoTo(m.Step-1))
		require.Less(t, lastSeq(tl.Sim()), m.Event.Seq, "step %d does not yet have event %d", m.Step-1, m.Event.Seq)
	}
}

// Acting in the past forks: the future is set aside and UndoFork puts it back exactly.
func TestForkAndUndoFork(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 5, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	tl.Exec(Command{Line: "kafka-topics --create --topic t --partitions 1 --replication-factor 3"})
	tl.Tick(50)
	killAt := tl.Position()
	tl.Exec(Command{Line: "broker kill 1"})
	tl.Tick(120)
	end, endLen, endLog := viewJSON(t, tl.Sim()), tl.Len(), tl.File()

	// Back to the middle of the first stretch of play, and kill another broker there.
	require.NoError(t, tl.GoTo(killAt-20))
	res := tl.Exec(Command{Line: "broker kill 2"})
	require.NoError(t, res.Err)
	require.Len(t, tl.Forks(), 1)
	require.Equal(t, killAt-20+1, tl.Len(), "the future was cut at the fork")
	require.Equal(t, "tick 30", tl.Commands()[1].Line, "the clock's entry was split")
	tl.Tick(100)
	ref, err := Replay(tl.Setup(), tl.Commands())
	require.NoError(t, err)
	require.Equal(t, viewJSON(t, ref.Sim()), viewJSON(t, tl.Sim()), "the branch replays to what it shows")

	ok, err := tl.UndoFork()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, killAt-20, tl.Position(), "undo fork goes back to where the fork began")
	require.Equal(t, endLen, tl.Len())
	require.Equal(t, endLog.Commands, tl.Commands())
	require.NoError(t, tl.GoTo(tl.Len()))
	require.Equal(t, end, viewJSON(t, tl.Sim()), "the future is back, exactly")
	tl.Tick(1) // recording goes on at the restored end
	require.Equal(t, endLen+1, tl.Len())

	ok, err = tl.UndoFork()
	require.NoError(t, err)
	require.False(t, ok, "one fork, undone once")
}

// A mistyped command in the past fails without forking: the future stays.
func TestFailedCommandInThePastKeepsTheFuture(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 2, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	tl.Tick(40)
	require.NoError(t, tl.GoTo(10))
	res := tl.Exec(Command{Line: "broker kill 9"})
	require.Error(t, res.Err)
	require.Empty(t, tl.Forks())
	require.Equal(t, int64(40), tl.Len())
	require.Equal(t, int64(10), tl.Position())
}

// Undo goes back over the learner's last command (not the clock's ticks), redo forward again.
func TestUndoRedo(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 9, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	require.False(t, tl.CanUndo())
	tl.Exec(Command{Line: "kafka-topics --create --topic t --partitions 2 --replication-factor 2"})
	tl.Tick(20)
	before := viewJSON(t, tl.Sim())
	tl.Exec(Command{Line: "broker kill 1"})
	tl.Tick(100)
	after := viewJSON(t, tl.Sim())

	c, ok, err := tl.Undo()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "broker kill 1", c.Line)
	require.Equal(t, before, viewJSON(t, tl.Sim()))
	require.True(t, tl.CanRedo())

	c, ok, err = tl.Redo()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "broker kill 1", c.Line)
	require.NoError(t, tl.GoTo(tl.Len()))
	require.Equal(t, after, viewJSON(t, tl.Sim()))

	// Undo twice reaches the fresh cluster; there is nothing more to undo.
	_, _, err = tl.Undo()
	require.NoError(t, err)
	_, ok, err = tl.Undo()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, int64(0), tl.Position())
	require.False(t, tl.CanUndo())
}

// Playing from the past replays the recorded future, then goes on live at its end.
func TestTickInThePastReplaysTheFuture(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 4, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	tl.Exec(Command{Line: "kafka-topics --create --topic t --partitions 1 --replication-factor 3"})
	tl.Tick(10)
	tl.Exec(Command{Line: "broker kill 1"})
	tl.Tick(10)
	n := len(tl.Commands())
	require.NoError(t, tl.GoTo(5))
	tl.Tick(15) // through the kill
	require.Equal(t, int64(20), tl.Position())
	require.Len(t, tl.Commands(), n, "nothing was forked or appended")
	tl.Tick(10) // 2 to the end, 8 live
	require.Equal(t, tl.Len(), tl.Position())
	require.Equal(t, int64(30), tl.Len())
	require.Len(t, tl.Commands(), n, "the live ticks merged into the last clock entry")
}

// Load refuses a log that this engine does not replay as recorded.
func TestLoadRefusesALogThatDoesNotReplay(t *testing.T) {
	_, err := Load(File{Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}, Commands: []Command{{Line: "broker kill 7", Source: SourceConsole}}})
	require.ErrorContains(t, err, "command 1 (broker kill 7)")
	_, err = Load(File{Setup: Setup{Seed: 1, Brokers: 3, Controllers: 3}, Commands: []Command{{Line: "tick many", Source: SourceClock}}})
	require.ErrorContains(t, err, "not `tick N`")
	_, err = Load(File{Setup: Setup{Seed: 1, Brokers: 0, Controllers: 3}})
	require.ErrorContains(t, err, "brokers must be")

	// A link may ask for more simulated time than any page should replay: the clock's entries
	// are refused before they run, other commands as soon as they have.
	defer func(b int64) { replayBudgetTicks = b }(replayBudgetTicks)
	replayBudgetTicks = 5000
	long := File{Setup: Setup{Seed: 1, Brokers: 1, Controllers: 1}, Commands: []Command{
		{Line: ClockLine(4990), Source: SourceClock}, {Line: "broker kill 1"}, {Line: ClockLine(11), Source: SourceClock}}}
	_, err = Load(long)
	require.ErrorContains(t, err, "longer than the playground replays")
	long.Commands = long.Commands[:2]
	_, err = Load(long)
	require.NoError(t, err, "just under the budget")
	many := File{Setup: Setup{Seed: 1, Brokers: 1, Controllers: 1}}
	for range 3 {
		many.Commands = append(many.Commands, Command{Line: "tick 2000", Source: SourceConsole}, Command{Line: "reset"})
	}
	_, err = Load(many)
	require.ErrorContains(t, err, "longer than the playground replays", "resets do not reset the budget")
}

// The clock's entries may be longer than one `tick` command allows; they run in pieces.
func TestLongClockEntriesReplay(t *testing.T) {
	tl, err := Load(File{Setup: Setup{Seed: 1, Brokers: 1, Controllers: 1}, Commands: []Command{
		{Line: ClockLine(clockChunkTicks + 5), Source: SourceClock}}})
	require.NoError(t, err)
	require.Equal(t, int64(clockChunkTicks+5), tl.Sim().Now())
	require.NoError(t, tl.GoTo(3))
	require.NoError(t, tl.GoTo(clockChunkTicks+4))
	require.Equal(t, int64(clockChunkTicks+4), tl.Sim().Now())
}

// BenchmarkGoTo10k seeks to random points of a run of 10,000 steps, as the timeline's scrubber
// does; the browser's figure is in `make bench-web`.
func BenchmarkGoTo10k(b *testing.B) {
	tl, err := NewTimeline(Setup{Seed: 1, Brokers: 3, Controllers: 3})
	require.NoError(b, err)
	tl.Exec(Command{Line: "kafka-topics --create --topic orders --partitions 12 --replication-factor 3"})
	tl.Exec(Command{Line: "producer add p1 --topic orders --rate 20 --keys a,b,c,d"})
	tl.Exec(Command{Line: "consumer add c1 --group g --topic orders"})
	for tl.Len() < 10_000 {
		tl.Tick(37)
		if tl.Len()%1000 < 37 {
			tl.Exec(Command{Line: "broker kill 2"})
			tl.Tick(50)
			tl.Exec(Command{Line: "broker start 2"})
		}
	}
	rng := rand.New(rand.NewPCG(1, 2))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := tl.GoTo(rng.Int64N(tl.Len() + 1)); err != nil {
			b.Fatal(err)
		}
	}
}

// Looking at the past does not fork it.
func TestReadOnlyCommandInThePastDoesNotFork(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 2, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	tl.Exec(Command{Line: "kafka-topics --create --topic t --partitions 1 --replication-factor 3"})
	tl.Tick(40)
	require.NoError(t, tl.GoTo(10))
	res := tl.Exec(Command{Line: "kafka-topics --describe --topic t"})
	require.NoError(t, res.Err)
	require.Contains(t, res.Output, "Topic: t")
	require.Empty(t, tl.Forks())
	require.Equal(t, int64(41), tl.Len())
	require.Equal(t, int64(10), tl.Position())
}

// Redo goes over the whole of a command that let time pass, and a script that replays too long
// is refused while it is stamped.
func TestRedoOverATickAndStampBudget(t *testing.T) {
	tl, err := NewTimeline(Setup{Seed: 3, Brokers: 3, Controllers: 3})
	require.NoError(t, err)
	tl.Exec(Command{Line: "kafka-topics --create --topic t --partitions 1 --replication-factor 3"})
	tl.Exec(Command{Line: "tick 50"})
	require.Equal(t, int64(51), tl.Len())
	_, _, err = tl.Undo()
	require.NoError(t, err)
	require.Equal(t, int64(1), tl.Position())
	c, ok, err := tl.Redo()
	require.NoError(t, err)
	require.True(t, ok)
	require.Equal(t, "tick 50", c.Line)
	require.Equal(t, int64(51), tl.Position())
	gen := tl.Generation()
	require.NoError(t, tl.GoTo(10))
	tl.Exec(Command{Line: "broker kill 2"})
	require.NotEqual(t, gen, tl.Generation(), "a fork is a new generation")

	defer func(b int64) { replayBudgetTicks = b }(replayBudgetTicks)
	replayBudgetTicks = 3000
	_, err = StampScript("tick 2000\ntick 2000\n")
	require.ErrorContains(t, err, "line 2")
	require.ErrorContains(t, err, "longer than the playground replays")
}

// The worked example of CutAt, and its edges: the ends, and a failed command at the cut.
func TestCutAt(t *testing.T) {
	kill := Command{Line: "broker kill 1"}
	clock := Command{Line: "tick 10", Source: SourceClock}
	state := Command{Line: "state"}
	cmds := []Command{kill, clock, state}
	require.Equal(t, []Command{kill, {Line: "tick 3", Source: SourceClock}}, CutAt(cmds, 4))
	require.Equal(t, []Command{kill, clock}, CutAt(cmds, 11))
	require.Equal(t, cmds, CutAt(cmds, 12))
	require.Empty(t, CutAt(cmds, 0))
	settle := Command{Line: "settle", Ticks: 40, Input: []string{"x"}}
	require.Equal(t, []Command{{Line: "tick 5", Ticks: 5}}, CutAt([]Command{settle}, 5), "a command that let time pass becomes the ticks it ran")
	failed := Command{Line: "broker kill 9", Failed: true}
	require.Equal(t, []Command{kill}, CutAt([]Command{kill, failed, state}, 1), "a failed command at the cut took no step and goes with the future, as in a fork")
	require.Equal(t, []Command{kill, failed, state}, CutAt([]Command{kill, failed, state}, 2))
}
