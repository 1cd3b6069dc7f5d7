package engine_test

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/kafka-playground/playground/engine"
	"github.com/kafka-playground/playground/engine/cli"
	"github.com/stretchr/testify/require"
)

// Clone is what time travel and "what if" branches are built on: the UI keeps clones as
// snapshots and lets a learner try something on one. That only works if a clone is a deep
// copy: nothing done to one side may show on the other. Clone shares record arrays (and the
// events and acknowledgement lists) instead of copying them, relying on every shared slice
// being capped, so these tests make a point of appending to and truncating logs on both sides.

// cloneShell clones the simulation behind w into a shell of its own, with its own invariant
// checker: a clone inherits the original's observer, whose checker holds the original's history.
func cloneShell(t *testing.T, sim *engine.Sim) (*cli.Shell, *[]string) {
	t.Helper()
	c := sim.Clone()
	var violations []string
	chk := engine.NewInvariantChecker()
	require.Empty(t, chk.Check(c))
	c.SetObserver(func(s *engine.Sim) {
		for _, v := range chk.Check(s) {
			violations = append(violations, v.String())
		}
	})
	return cli.FromSim(c), &violations
}

// replay runs a recorded script on a shell and returns the output, as the workload records it.
func replay(t *testing.T, sh *cli.Shell, script string) string {
	t.Helper()
	var out strings.Builder
	for _, st := range cli.ParseScript(script) {
		res := sh.Exec(st.Text, st.Input)
		out.WriteString(res.Output)
		if res.Err != nil {
			require.False(t, strings.HasPrefix(res.Err.Error(), "internal error"), "%v", res.Err)
			fmt.Fprintf(&out, "ERROR %v\n", res.Err)
		}
	}
	return out.String()
}

// TestCloneContinuesIdentically: a clone given the same commands as its original goes on to
// produce the same events, the same View and the same output.
func TestCloneContinuesIdentically(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			w := newWorkload(t, seed)
			w.run(workloadSteps / 2)
			clone, violations := cloneShell(t, w.sh.Sim())

			mark, outMark := w.script.Len(), w.out.Len()
			w.run(workloadSteps / 2)
			rest := w.script.String()[mark:]
			out := replay(t, clone, rest)
			require.Empty(t, *violations)

			requireSameText(t, w.out.String()[outMark:], out, "the clone's output differs; "+w.replayHint())
			a, b := w.snapshot(), takeSnapshot(t, clone.Sim(), "")
			requireSameText(t, a.events, b.events, "the clone's events differ; "+w.replayHint())
			requireSameText(t, a.view, b.view, "the clone's View differs; "+w.replayHint())
		})
	}
}

// TestCloneDivergesIndependently: whatever is done to a clone, the original goes on exactly as
// if the clone had never been made, and the other way round. The original is compared with a
// reference run of the same seed that was never cloned, so that damage to state the View does
// not show (producer bookkeeping, acknowledged records, the PRNG) is caught when it surfaces
// later. The clone is driven by a second workload generator, so it kills brokers, produces
// and fails over differently from the original.
func TestCloneDivergesIndependently(t *testing.T) {
	for seed := uint64(1); seed <= 20; seed++ {
		t.Run(fmt.Sprint("seed", seed), func(t *testing.T) {
			t.Parallel()
			w, ref := newWorkload(t, seed), newWorkload(t, seed)
			w.run(workloadSteps / 2)
			ref.run(workloadSteps / 2)
			clone, violations := cloneShell(t, w.sh.Sim())
			atClone := takeSnapshot(t, w.sh.Sim(), "")
			require.Equal(t, atClone, takeSnapshot(t, clone.Sim(), ""))

			other := &workload{t: t, seed: seed, brokers: w.brokers, sh: clone, topics: slices.Clone(w.topics),
				rng: rand.New(rand.NewPCG(seed, 0x6f74686572))} // "other"
			other.run(workloadSteps / 2)
			require.Empty(t, *violations)
			cloneNow := takeSnapshot(t, clone.Sim(), "")
			require.NotEqual(t, atClone.events, cloneNow.events, "the clone did nothing")
			after := takeSnapshot(t, w.sh.Sim(), "")
			requireSameText(t, atClone.events, after.events, "the clone changed the original's events")
			requireSameText(t, atClone.view, after.view, "the clone changed the original's View")

			w.run(workloadSteps / 2)
			ref.run(workloadSteps / 2)
			w.requireSame(t, ref, "the original and a run that was never cloned")
			requireSameText(t, cloneNow.events, takeSnapshot(t, clone.Sim(), "").events, "the original changed the clone's events")
			requireSameText(t, cloneNow.view, takeSnapshot(t, clone.Sim(), "").view, "the original changed the clone's View")
		})
	}
}

// isolatedLeaderScript is the acks=1 zombie story up to the point where the old leader is
// healed: it led t-0, was cut off, kept accepting writes that only it has, and was replaced.
// Healing it makes it truncate those writes away. The records it will truncate sit in a log
// whose array a clone shares.
const isolatedLeaderScript = `
kafka-topics --bootstrap-server localhost:9092 --create --topic t --partitions 1 --replication-factor 3
kafka-console-producer --bootstrap-server localhost:9092 --topic t --producer-property acks=1
before-1
before-2

broker isolate %[1]d
kafka-console-producer --bootstrap-server localhost:9092 --topic t --producer-property acks=1 --producer-property delivery.timeout.ms=3000
zombie-1
zombie-2
zombie-3

tick 15s
kafka-console-producer --bootstrap-server localhost:9092 --topic t --producer-property acks=all
after-1

`

// TestCloneSharesLogsSafely: truncating and appending to a log on one side of a clone never
// shows on the other, though both logs start out as one array; the same goes for the list of
// acknowledged records and for a View taken earlier. Each side is compared with a twin built
// the same way: the clone with a clone of a second, untouched original.
func TestCloneSharesLogsSafely(t *testing.T) {
	sh, err := cli.New(engine.DefaultConfig())
	require.NoError(t, err)
	require.NoError(t, sh.Run("kafka-topics --bootstrap-server localhost:9092 --create --topic probe --partitions 1 --replication-factor 3", new(strings.Builder), cli.Options{}))
	p, _ := sh.Sim().View().Partition("probe", 0)
	leader := p.Leader // placement is seeded: t's leader will be the same broker in a fresh cluster

	build := func() *cli.Shell {
		sh, err := cli.New(engine.DefaultConfig())
		require.NoError(t, err)
		var out strings.Builder
		require.NoError(t, sh.Run(fmt.Sprintf(isolatedLeaderScript, leader), &out, cli.Options{}), out.String())
		return sh
	}
	orig, twin := build(), build()
	v := orig.Sim().View()
	tp, _ := v.Partition("t", 0)
	require.NotEqual(t, leader, tp.Leader, "the isolated broker should have been replaced")
	zombie := tp.ReplicaStates[replicaIndex(tp, leader)]
	require.True(t, zombie.ThinksLeader, "the old leader should still believe it leads")
	require.Greater(t, zombie.LogEndOffset, tp.HighWatermark, "the zombie should hold writes nobody else has")

	frozen := orig.Sim().View() // a View shares record arrays too: it must not change either
	frozenJSON, err := json.Marshal(frozen)
	require.NoError(t, err)
	before, seen := takeSnapshot(t, orig.Sim(), ""), int64(len(orig.Sim().Events()))
	clone, violations := cloneShell(t, orig.Sim())
	cloneTwin, twinViolations := cloneShell(t, twin.Sim())
	both := func(script string) {
		t.Helper()
		for _, sh := range []*cli.Shell{clone, cloneTwin} {
			var out strings.Builder
			require.NoError(t, sh.Run(script, &out, cli.Options{}), out.String())
		}
		require.Empty(t, *violations)
		require.Empty(t, *twinViolations)
		a, b := takeSnapshot(t, cloneTwin.Sim(), ""), takeSnapshot(t, clone.Sim(), "")
		requireSameText(t, a.events, b.events, "the clone's events differ from its twin's after:\n"+script)
		requireSameText(t, a.view, b.view, "the clone's View differs from its twin's after:\n"+script)
	}

	// The clone heals the zombie, which truncates its log, then appends to every replica.
	both(fmt.Sprintf("broker heal %d\ntick 5s\n", leader) +
		"kafka-console-producer --bootstrap-server localhost:9092 --topic t\nclone-1\nclone-2\n\nsettle\n")
	truncated := false
	for _, e := range clone.Sim().EventsSince(seen) {
		truncated = truncated || e.Kind == engine.EventLogTruncated
	}
	require.True(t, truncated, "healing the zombie should truncate its log in the clone")
	requireSameText(t, before.events, takeSnapshot(t, orig.Sim(), "").events, "the clone's truncation changed the original's events")
	requireSameText(t, before.view, takeSnapshot(t, orig.Sim(), "").view, "the clone's truncation changed the original")

	// The original appends to the zombie's and the new leader's logs and to its acknowledged
	// records, into the arrays the clone's came from. It sends to another topic first, so that
	// its records get other ids than the clone's at the same offsets.
	var out strings.Builder
	require.NoError(t, orig.Run("kafka-console-producer --bootstrap-server localhost:9092 --topic other\nx\n\n"+
		"kafka-console-producer --bootstrap-server localhost:9092 --topic t --producer-property acks=1\norig-1\norig-2\n\ntick 1s\n", &out, cli.Options{}), out.String())
	require.NotEqual(t, before.view, takeSnapshot(t, orig.Sim(), "").view, "the original did nothing")

	// The clone now loses its leader: the loss check reads its acknowledged records and logs.
	p, _ = clone.Sim().View().Partition("t", 0)
	both(fmt.Sprintf("broker kill %d\ntick 15s\nkafka-console-producer --bootstrap-server localhost:9092 --topic t\nclone-3\n\nsettle\n", p.Leader))

	got, err := json.Marshal(frozen)
	require.NoError(t, err)
	requireSameText(t, string(frozenJSON), string(got), "a View taken earlier changed")
}

func replicaIndex(p engine.PartitionView, broker int32) int {
	for i, r := range p.ReplicaStates {
		if r.Broker == broker {
			return i
		}
	}
	panic(fmt.Sprintf("broker %d has no replica of %s-%d", broker, p.Topic, p.Partition))
}

// midFlight builds a cluster caught in the middle of things: produce requests and follower
// fetches on the wire, a producer with batches in flight and queued, a consumer with a fetch out.
func midFlight(t *testing.T, seed uint64) *engine.Sim {
	t.Helper()
	cfg := engine.DefaultConfig()
	cfg.Seed = seed
	sim := engine.MustNew(cfg)
	require.NoError(t, sim.CreateTopic(engine.CreateTopicRequest{Name: "t", Partitions: 3, ReplicationFactor: 3}))
	pc, err := cfg.ParseProducerConfig(map[string]string{"linger.ms": "0", "batch.size": "100"})
	require.NoError(t, err)
	require.NoError(t, sim.AddProducer("p", pc))
	cc, err := cfg.ParseConsumerConfig(map[string]string{"auto.offset.reset": "earliest", "max.poll.records": "3"})
	require.NoError(t, err)
	require.NoError(t, sim.AddConsumer("c", cc))
	require.NoError(t, sim.Assign("c", []engine.TopicPartition{{Topic: "t", Partition: 0}, {Topic: "t", Partition: 1}, {Topic: "t", Partition: 2}}))
	for i := 0; i < 40; i++ {
		_, err := sim.Send("p", engine.SendRequest{Topic: "t", Partition: -1, Key: fmt.Sprint("k", i%7), Value: fmt.Sprint("v", i)})
		require.NoError(t, err)
		if i%10 == 9 {
			sim.Tick()
		}
	}
	v := sim.View()
	require.NotEmpty(t, v.InFlight, "nothing is on the wire")
	require.Positive(t, sim.Producer("p").Pending(), "the producer has nothing in flight")
	return sim
}

// TestCloneMidFlight: a clone taken while messages are on the wire and batches are in flight
// delivers them exactly as the original does, and what the clone does to them (killing the
// broker they are going to, polling its consumer) does not reach the original. The original
// is compared with a third simulation built the same way and never cloned.
func TestCloneMidFlight(t *testing.T) {
	for seed := uint64(1); seed <= 5; seed++ {
		orig, ref := midFlight(t, seed), midFlight(t, seed)
		clone := orig.Clone()
		clone.SetObserver(nil)
		for _, s := range []*engine.Sim{orig, clone, ref} {
			s.TickN(3)
		}
		requireSameText(t, takeSnapshot(t, ref, "").view, takeSnapshot(t, clone, "").view, "the clone delivered differently")

		// The clone loses a leader with requests on their way to it, and its consumer polls.
		p, _ := clone.View().Partition("t", 0)
		require.NoError(t, clone.KillBroker(p.Leader))
		for i := 0; i < 200; i++ {
			clone.Tick()
			_, err := clone.Poll("c")
			require.NoError(t, err)
		}
		// The original and the reference run on untouched.
		for _, s := range []*engine.Sim{orig, ref} {
			for i := 0; i < 200; i++ {
				s.Tick()
				_, err := s.Poll("c")
				require.NoError(t, err)
			}
		}
		a, b := takeSnapshot(t, ref, ""), takeSnapshot(t, orig, "")
		requireSameText(t, a.events, b.events, "the clone's fault reached the original's events")
		requireSameText(t, a.view, b.view, "the clone's fault reached the original's View")
		require.NotEqual(t, a.view, takeSnapshot(t, clone, "").view, "the clone did not diverge")
		require.Zero(t, orig.Producer("p").Pending())
		require.Equal(t, 40, orig.Producer("p").Stats().Acked)
	}
}
